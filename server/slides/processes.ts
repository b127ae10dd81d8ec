/** What the Debian slide tools print: OpenSlide's and libvips' property lists. */

/** `key: 'value'` lines (openslide-show-properties) or `key: value` lines (vipsheader -a). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([^:\s][^:]*): (.*)$/.exec(line);
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    properties.set(key.trim(), raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw);
  }
  return properties;
}
