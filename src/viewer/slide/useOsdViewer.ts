import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { SlideItem } from '../../core/item';
import { adoptEarlyViewer, takeEarlyTiles } from './earlyViewer';
import { createOsdHandle, destroyOsdHandle, makeRoomForDecodedTiles, type OsdHandle } from './osdViewer';
import type { LoadTile } from './tileLoadError';

/**
 * One OpenSeadragon viewer per mounted element and slide, destroyed on unmount: the one the early
 * boot script made for this slide if there is one (moved into the element), else a new one (given
 * the early script's decoded home-view tiles where it had them but no viewer yet).
 * `loadTile` is read when a tile is wanted, so a new function does not reopen the slide.
 */
export function useOsdViewer(
  elementRef: RefObject<HTMLDivElement | null>,
  itemId: string,
  slide: SlideItem,
  loadTileRef: RefObject<LoadTile>,
): OsdHandle | null {
  const [handle, setHandle] = useState<OsdHandle | null>(null);
  // By content: a page that rebuilds an equal item (a refreshed detail) must not reopen the slide.
  const slideKey = JSON.stringify(slide);
  const slideRef = useRef(slide);
  slideRef.current = slide;

  // In the commit that mounts the element, not an effect after the page's paint: the slide's
  // first tiles are on that path, the page's paint is not.
  useLayoutEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const loadTile: LoadTile = (level, x, y) => loadTileRef.current(level, x, y);
    const early = adoptEarlyViewer(itemId, slideKey);
    let made: OsdHandle;
    if (early) {
      early.adoptInto(element, loadTile);
      made = early.handle;
    } else {
      made = createOsdHandle(element, itemId, slideRef.current, loadTile, takeEarlyTiles(itemId, slideKey));
      makeRoomForDecodedTiles(made);
    }
    setHandle(made);
    return () => {
      setHandle(null);
      if (early) early.destroy();
      else destroyOsdHandle(made);
    };
  }, [elementRef, itemId, slideKey, loadTileRef]);

  return handle;
}
