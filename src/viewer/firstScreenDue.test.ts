import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from './firstScreenDue';

/** Animation frames the test runs by hand: the browser's next frame, under the test's control. */
function stubFrames(): { runFrame(): void } {
  const frames = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  return {
    runFrame() {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(0);
    },
  };
}

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs in a task after the next frame, not in the frame itself nor before it', () => {
    vi.useFakeTimers();
    const frames = stubFrames();
    const run = vi.fn();
    afterNextPaint(run);
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
    frames.runFrame();
    expect(run).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, before or after the frame', () => {
    vi.useFakeTimers();
    const frames = stubFrames();
    const beforeFrame = vi.fn();
    const afterFrame = vi.fn();
    afterNextPaint(beforeFrame)();
    const cancelAfterFrame = afterNextPaint(afterFrame);
    frames.runFrame();
    cancelAfterFrame();
    vi.runAllTimers();
    expect(beforeFrame).not.toHaveBeenCalled();
    expect(afterFrame).not.toHaveBeenCalled();
  });
});
