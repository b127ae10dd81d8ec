import { describe, expect, it, vi } from 'vitest';
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
});
