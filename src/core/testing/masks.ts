/** A binary mask drawn as text, for decode tests: rows of '#' (foreground) and '.' (background). */
export function maskOf(rows: readonly string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0]?.length ?? 0;
  const mask = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { mask, width, height: rows.length };
}
