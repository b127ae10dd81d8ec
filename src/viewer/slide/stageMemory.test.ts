import { describe, expect, it } from 'vitest';
import { expectedStage, expectedViewerSize, REMEMBERED_WINDOWS, rememberedStage, rememberStage, SERIES_STAGE_MEMORY_KEY, STAGE_MEMORY_KEY } from './stageMemory';

/** localStorage's two calls over a Map, as a browser keeps them. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { writes: number } {
  const values = new Map<string, string>();
  return {
    writes: 0,
    getItem: (key) => values.get(key) ?? null,
    setItem(key, value) {
      this.writes += 1;
      values.set(key, value);
    },
  };
}

const laptop = { width: 1280, height: 800 };
const monitor = { width: 1920, height: 1080 };
const stage = { left: 0, top: 96.5, width: 1000, height: 703.5 };

describe('the remembered slide stage', () => {
  it('is found for the window size it was laid out in, and only that one', () => {
    const storage = memoryStorage();
    rememberStage(storage, laptop, stage, 'rgb(0, 0, 0)');
    expect(rememberedStage(storage, laptop)).toEqual({ stage, background: 'rgb(0, 0, 0)' });
    expect(rememberedStage(storage, { width: 1280, height: 801 })).toBeNull();
    expect(rememberedStage(null, laptop)).toBeNull();
  });

  it('keeps the latest stage per window size, for a few sizes, the oldest dropped first', () => {
    const storage = memoryStorage();
    rememberStage(storage, laptop, stage, 'black');
    rememberStage(storage, monitor, { left: 0, top: 90, width: 1640, height: 990 }, 'black');
    rememberStage(storage, laptop, { ...stage, height: 650 }, 'black');
    expect(rememberedStage(storage, laptop)?.stage.height).toBe(650);
    expect(rememberedStage(storage, monitor)?.stage.width).toBe(1640);
    for (let width = 100; width < 100 + REMEMBERED_WINDOWS; width += 1) rememberStage(storage, { width, height: 500 }, stage, 'black');
    expect(rememberedStage(storage, laptop)).toBeNull();
    expect(rememberedStage(storage, { width: 100, height: 500 })).not.toBeNull();
  });

  it("keeps the series viewer's viewport apart from the slide stage, under its own key", () => {
    const storage = memoryStorage();
    const viewport = { left: 220, top: 120, width: 760, height: 600 };
    rememberStage(storage, laptop, stage, 'black');
    rememberStage(storage, laptop, viewport, 'rgb(0, 0, 0)', SERIES_STAGE_MEMORY_KEY);
    expect(rememberedStage(storage, laptop)?.stage).toEqual(stage);
    expect(rememberedStage(storage, laptop, SERIES_STAGE_MEMORY_KEY)).toEqual({ stage: viewport, background: 'rgb(0, 0, 0)' });
    expect(rememberedStage(storage, monitor, SERIES_STAGE_MEMORY_KEY)).toBeNull();
  });

  it('does not write again what it already holds (a resize observer reports each layout)', () => {
    const storage = memoryStorage();
    rememberStage(storage, laptop, stage, 'black');
    rememberStage(storage, laptop, { ...stage }, 'black');
    expect(storage.writes).toBe(1);
  });

  it('reads a damaged or foreign value as nothing remembered', () => {
    for (const value of ['{', '{"a":1}', JSON.stringify([{ window: laptop, stage: { ...stage, width: 0 }, background: 'black' }]), JSON.stringify([{ window: laptop, stage }])]) {
      const storage = memoryStorage();
      storage.setItem(STAGE_MEMORY_KEY, value);
      expect(rememberedStage(storage, laptop)).toBeNull();
    }
  });

  it("sizes the home view's guess as the stage remembered, else as the layout's, else as the window", () => {
    const storage = memoryStorage();
    expect(expectedViewerSize(storage, laptop)).toEqual({ width: 1028, height: 642, exact: true });
    rememberStage(storage, laptop, stage, 'black');
    expect(expectedViewerSize(storage, laptop)).toEqual({ width: 1000, height: 703.5, exact: true });
    expect(expectedViewerSize(storage, monitor)).toEqual({ width: 1668, height: 922, exact: true });
    const phone = { width: 240, height: 400 };
    expect(expectedViewerSize(storage, phone)).toEqual(phone);
  });

  it('expects the stage remembered, else the predicted one on the viewer\'s black', () => {
    const storage = memoryStorage();
    expect(expectedStage(storage, laptop)).toEqual({ stage: { left: 0, top: 158, width: 1028, height: 642 }, background: 'rgb(0, 0, 0)' });
    rememberStage(storage, laptop, stage, 'black');
    expect(expectedStage(storage, laptop)).toEqual({ stage, background: 'black' });
    expect(expectedStage(null, { width: 200, height: 200 })).toBeNull();
  });
});
