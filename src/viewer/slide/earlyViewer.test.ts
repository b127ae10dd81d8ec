import { describe, expect, it, vi } from 'vitest';
import { DecodedTiles } from './decodedTiles';
import type { EarlyViewer } from './earlyViewer';
import type { OsdHandle } from './osdViewer';

/** A viewer record as the early script offers it; the handle is never touched by the slot. */
function viewer(itemId: string, slideKey: string): EarlyViewer & { destroyed: () => boolean } {
  let destroyed = false;
  return {
    itemId,
    slideKey,
    handle: {} as OsdHandle, // the slot only passes it on
    adoptInto: () => undefined,
    destroy: () => {
      destroyed = true;
    },
    destroyed: () => destroyed,
  };
}

/** The slot is per page: each case gets a fresh module. */
async function freshSlot() {
  vi.resetModules();
  return import('./earlyViewer');
}

describe('the early slide viewer', () => {
  it('is adopted once by the viewer of the same slide', async () => {
    const slot = await freshSlot();
    const early = viewer('item-1', '{"tileVersion":"v1"}');
    slot.offerEarlyViewer(early);
    expect(slot.adoptEarlyViewer('item-1', '{"tileVersion":"v1"}')).toBe(early);
    expect(slot.adoptEarlyViewer('item-1', '{"tileVersion":"v1"}')).toBeNull();
    expect(early.destroyed()).toBe(false);
  });

  it('is destroyed when another item or another pyramid of the slide is shown', async () => {
    for (const [itemId, slideKey] of [['item-2', '{"tileVersion":"v1"}'], ['item-1', '{"tileVersion":"v2"}']] as const) {
      const slot = await freshSlot();
      const early = viewer('item-1', '{"tileVersion":"v1"}');
      slot.offerEarlyViewer(early);
      expect(slot.adoptEarlyViewer(itemId, slideKey)).toBeNull();
      expect(early.destroyed()).toBe(true);
    }
  });

  it('made after the app has asked, or after it was discarded, is destroyed at once', async () => {
    const asked = await freshSlot();
    expect(asked.adoptEarlyViewer('item-1', 'k')).toBeNull();
    expect(asked.earlyViewerWanted()).toBe(false);
    const late = viewer('item-1', 'k');
    asked.offerEarlyViewer(late);
    expect(late.destroyed()).toBe(true);

    const discarded = await freshSlot();
    const early = viewer('item-1', 'k');
    discarded.offerEarlyViewer(early);
    discarded.discardEarlyViewer();
    expect(early.destroyed()).toBe(true);
    expect(discarded.adoptEarlyViewer('item-1', 'k')).toBeNull();
  });

  describe('its decoded tiles', () => {
    /** One tile whose bytes never arrive: `waiting` tells whether the store was closed (0) or not. */
    function tiles(): DecodedTiles {
      const decoded = new DecodedTiles(() => Promise.reject(new Error('never decoded here')));
      decoded.add({ level: 0, x: 0, y: 0 }, new Promise<Blob>(() => undefined));
      return decoded;
    }

    it('are taken once by a viewer of the same slide, early or the app\'s own', async () => {
      const slot = await freshSlot();
      const decoded = tiles();
      slot.offerEarlyTiles({ itemId: 'item-1', slideKey: 'k', tiles: decoded });
      expect(slot.adoptEarlyViewer('item-1', 'k')).toBeNull(); // the app asked before the early viewer was made
      expect(slot.takeEarlyTiles('item-1', 'k')).toBe(decoded);
      expect(slot.takeEarlyTiles('item-1', 'k')).toBeNull();
      expect(decoded.waiting).toBe(1);
    });

    it('are closed when another slide asks, when offered after the app asked, or when discarded', async () => {
      const other = await freshSlot();
      const unasked = tiles();
      other.offerEarlyTiles({ itemId: 'item-1', slideKey: 'k', tiles: unasked });
      expect(other.takeEarlyTiles('item-1', 'k2')).toBeNull();
      expect(unasked.waiting).toBe(0);

      const late = await freshSlot();
      late.adoptEarlyViewer('item-1', 'k');
      expect(late.takeEarlyTiles('item-1', 'k')).toBeNull();
      const tooLate = tiles();
      late.offerEarlyTiles({ itemId: 'item-1', slideKey: 'k', tiles: tooLate });
      expect(tooLate.waiting).toBe(0);

      const discarded = await freshSlot();
      const dropped = tiles();
      discarded.offerEarlyTiles({ itemId: 'item-1', slideKey: 'k', tiles: dropped });
      discarded.discardEarlyViewer();
      expect(dropped.waiting).toBe(0);
      expect(discarded.takeEarlyTiles('item-1', 'k')).toBeNull();
    });
  });
});
