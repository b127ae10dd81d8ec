import type { RenderingEngine, StackViewport } from '@cornerstonejs/core';
import { describe, expect, it, vi } from 'vitest';
import type { EarlySeriesViewer } from './earlySeriesViewer';

/** A viewer record as the early script offers it; its engine and viewport are never touched by the slot. */
function viewer(imageId: string): EarlySeriesViewer & { destroyed: () => boolean } {
  let destroyed = false;
  return {
    imageId,
    engine: {} as RenderingEngine, // the slot only passes it on
    viewport: {} as StackViewport,
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
  return import('./earlySeriesViewer');
}

const series = ['mejirushi:f0', 'mejirushi:f1', 'mejirushi:f2'];

describe('the early series viewer', () => {
  it('is adopted once, by the first viewer whose series holds its slice', async () => {
    const slot = await freshSlot();
    const early = viewer('mejirushi:f1');
    slot.offerEarlySeriesViewer(early);
    expect(slot.adoptEarlySeriesViewer(series)).toBe(early);
    expect(slot.adoptEarlySeriesViewer(series)).toBeNull();
    expect(early.destroyed()).toBe(false);
  });

  it('is destroyed when the first viewer shows another series', async () => {
    const slot = await freshSlot();
    const early = viewer('mejirushi:f1');
    slot.offerEarlySeriesViewer(early);
    expect(slot.adoptEarlySeriesViewer(['mejirushi:g0', 'mejirushi:g1'])).toBeNull();
    expect(early.destroyed()).toBe(true);
  });

  it('made after the app has asked, or after the page discarded it, is destroyed at once', async () => {
    const asked = await freshSlot();
    expect(asked.adoptEarlySeriesViewer(series)).toBeNull();
    expect(asked.earlySeriesViewerWanted()).toBe(false);
    const late = viewer('mejirushi:f0');
    asked.offerEarlySeriesViewer(late);
    expect(late.destroyed()).toBe(true);

    const discarded = await freshSlot();
    const early = viewer('mejirushi:f0');
    discarded.offerEarlySeriesViewer(early);
    discarded.discardEarlySeriesViewer();
    expect(early.destroyed()).toBe(true);
    expect(discarded.adoptEarlySeriesViewer(series)).toBeNull();
  });
});
