import { useEffect, useReducer, useRef } from 'react';
import type { FrameSprites } from '../../core/item';
import { appServices } from '../../store';

/**
 * Object URLs of the sprite sheets in `needed`, each fetched once while needed; a sheet that
 * leaves the view is released (its URL revoked), so memory stays flat however far the grid
 * scrolls. Sheets still loading are missing from the map.
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
        .then((blob) => {
          if (!wanted.current.has(sheet) || urls.current.has(sheet)) return;
          urls.current.set(sheet, URL.createObjectURL(blob));
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
