/** A one-line summary of an audit entry's detail object for the viewer's table: `key: value, …`, cut at `max` characters. */
export function auditDetailText(detail: Readonly<Record<string, unknown>>, max = 80): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
