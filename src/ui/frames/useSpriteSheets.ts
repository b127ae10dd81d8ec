import { useEffect, useReducer, useRef } from 'react';
import type { FrameSprites } from '../../core/item';
import { appServices } from '../../store';

/** A loaded sprite sheet: its decoded pixels, and a number no other loaded sheet has (a row's memo compares it). */
export interface SpriteSheet {
  readonly bitmap: ImageBitmap;
  readonly serial: number;
}

let sheetsLoaded = 0;

/**
 * The sprite sheets in `needed`, each fetched once while needed and decoded once, off the main
 * thread, into an ImageBitmap the cells draw from. A sheet that leaves the view is released (its
 * bitmap closed), so memory stays flat however far the grid scrolls. Sheets still loading are
 * missing from the map.
 *
 * Bitmaps, not object URLs as CSS backgrounds: Chromium decodes a background image again in every
 * raster task that paints part of it, so each row scrolled in decoded a whole 1600 × 1200 JPEG
 * (10 s of decoding in a 2,000-frame scroll, measured; see bench/README.md).
 */
export function useSpriteSheets(itemId: string, sprites: FrameSprites | undefined, needed: ReadonlySet<number>): ReadonlyMap<number, SpriteSheet> {
  const sheets = useRef(new Map<number, SpriteSheet>());
  const loading = useRef(new Set<number>());
  const wanted = useRef(needed);
  wanted.current = needed;
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  const key = [...needed].sort((a, b) => a - b).join(',');
  const version = sprites?.version;

  useEffect(() => {
    if (!version) return;
    for (const [index, sheet] of sheets.current) {
      if (wanted.current.has(index)) continue;
      sheet.bitmap.close();
      sheets.current.delete(index);
    }
    for (const index of wanted.current) {
      if (sheets.current.has(index) || loading.current.has(index)) continue;
      loading.current.add(index);
      appServices()
        .api.loadSpriteSheet(itemId, version, index)
        .then(async (blob) => {
          if (!wanted.current.has(index) || sheets.current.has(index)) return;
          const bitmap = await createImageBitmap(blob);
          if (!wanted.current.has(index) || sheets.current.has(index)) return bitmap.close();
          sheets.current.set(index, { bitmap, serial: (sheetsLoaded += 1) });
          loaded();
        })
        // A sheet that failed leaves its cells plain (frame numbers still shown); the next scroll asks again.
        .catch(() => undefined)
        .finally(() => loading.current.delete(index));
    }
  }, [itemId, version, key]);

  useEffect(() => {
    const held = sheets.current;
    return () => {
      for (const sheet of held.values()) sheet.bitmap.close();
      held.clear();
    };
  }, []);
  return sheets.current;
}
