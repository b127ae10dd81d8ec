/**
 * Path of one slide tile (level 0 = full resolution) of the pyramid `tileVersion`
 * (SlideItem.tileVersion): also the key it is kept under offline, so a rebuilt slide's tiles
 * are new URLs, never an old pyramid's copies. A module of its own: the early boot script needs
 * it without the API client (src/early/earlyBoot.ts).
 */
export function slideTilePath(itemId: string, tileVersion: string, level: number, x: number, y: number): string {
  return `/api/items/${encodeURIComponent(itemId)}/tiles/${encodeURIComponent(tileVersion)}/${level}/${x}/${y}`;
}
