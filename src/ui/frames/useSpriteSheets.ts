import { useEffect, useReducer, useRef } from 'react';
import type { FrameSprites } from '../../core/item';
import { appServices } from '../../store';

/**
 * Object URLs of the sprite sheets in `needed`, each fetched once while needed; a sheet that
 * leaves the view is released (its URL revoked), so memory stays flat however far the grid
 * scrolls. Sheets still loading are missing from the map. A sheet is decoded before its cells use
 * it, so no frame of a scroll waits on decoding a 1600 × 1200 JPEG.
 */
export function useSpriteSheets(itemId: string, sprites: FrameSprites | undefined, needed: ReadonlySet<number>): ReadonlyMap<number, string> {
  const urls = useRef(new Map<number, string>());
  const loading = useRef(new Set<number>());
  const wanted = useRef(needed);
  wanted.current = needed;
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  const key = [...needed].sort((a, b) => a - b).join(',');
  const version = sprites?.version;

  useEffect(() => {
    if (!version) return;
    for (const [sheet, url] of urls.current) {
      if (wanted.current.has(sheet)) continue;
      URL.revokeObjectURL(url);
      urls.current.delete(sheet);
    }
    for (const sheet of wanted.current) {
      if (urls.current.has(sheet) || loading.current.has(sheet)) continue;
      loading.current.add(sheet);
      appServices()
        .api.loadSpriteSheet(itemId, version, sheet)
        .then(async (blob) => {
          if (!wanted.current.has(sheet) || urls.current.has(sheet)) return;
          const url = URL.createObjectURL(blob);
          await decoded(url);
          if (!wanted.current.has(sheet) || urls.current.has(sheet)) return URL.revokeObjectURL(url);
          urls.current.set(sheet, url);
          loaded();
        })
        // A sheet that failed leaves its cells plain (frame numbers still shown); the next scroll asks again.
        .catch(() => undefined)
        .finally(() => loading.current.delete(sheet));
    }
  }, [itemId, version, key]);

  useEffect(() => {
    const held = urls.current;
    return () => {
      for (const url of held.values()) URL.revokeObjectURL(url);
      held.clear();
    };
  }, []);
  return urls.current;
}

/**
 * Decodes the image at `url` off the main thread (`HTMLImageElement.decode`); the cells then paint
 * it from the decoded-image cache instead of decoding it in the frame that first shows them. A
 * sheet that does not decode is shown anyway: its cells stay plain, as before.
 */
async function decoded(url: string): Promise<void> {
  const image = new Image();
  image.src = url;
  await image.decode().catch(() => undefined);
}
