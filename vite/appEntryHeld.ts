/**
 * The app's entry held back in index.html: its module script and the module preloads Vite adds for
 * it become prefetches (fetched, not compiled), and the early boot script starts the app itself
 * (src/early/appStart.ts) when the page's first screen allows. On a slide's first visit the app's
 * compile and evaluation (~800 kB of script) otherwise share two cores with the early viewer's
 * tiles and OpenSeadragon (bench/README.md, wsi-tiles).
 */

/** Marks the prefetch of the app's entry module. */
export const APP_ENTRY_ATTRIBUTE = 'data-mejirushi-app';
/** Marks a prefetch of one of the modules the entry imports. */
export const APP_PART_ATTRIBUTE = 'data-mejirushi-app-part';

/** A module script with a source, except the dev server's own (`/@vite/client`). */
const MODULE_SCRIPT = /<script\b(?=[^>]*\btype="module")[^>]*\bsrc="((?!\/@)[^"]+)"[^>]*><\/script>\s*/g;
const MODULE_PRELOAD = /<link\b(?=[^>]*\brel="modulepreload")[^>]*\bhref="([^"]+)"[^>]*>\s*/g;

/**
 * `html` with its one module script and its module preloads turned into marked prefetches, except
 * the modules the early script imports itself (`early`), which stay module preloads: it runs first.
 */
export function appEntryHeld(html: string, early: readonly string[] = []): string {
  const entries = [...html.matchAll(MODULE_SCRIPT)].map((match) => match[1]!);
  if (entries.length !== 1) throw new Error(`index.html should have one module script (the app's entry), found ${entries.length}`);
  const parts = [...html.matchAll(MODULE_PRELOAD)].map((match) => match[1]!);
  const prefetch = (href: string, attribute: string) => `<link rel="prefetch" crossorigin href="${href}" ${attribute}>`;
  const links = [
    ...early.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
    prefetch(entries[0]!, APP_ENTRY_ATTRIBUTE),
    ...parts.filter((href) => !early.includes(href)).map((href) => prefetch(href, APP_PART_ATTRIBUTE)),
  ];
  return html.replace(MODULE_SCRIPT, '').replace(MODULE_PRELOAD, '').replace(/\s*<\/head>/, `\n    ${links.join('\n    ')}\n  </head>`);
}
