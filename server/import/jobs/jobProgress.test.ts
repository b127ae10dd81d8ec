import { describe, expect, it } from 'vitest';
import { progressOf, ProgressWriter, type JobProgress } from './jobProgress';

describe('progressOf', () => {
  it('counts tiles in whole percents, and is storing once the last tile is written', () => {
    expect(progressOf(0, 300)).toEqual({ phase: 'tiles', percent: 0 });
    expect(progressOf(299, 300)).toEqual({ phase: 'tiles', percent: 99 });
    expect(progressOf(300, 300)).toEqual({ phase: 'storing', percent: 100 });
  });
});

describe('progressOf while de-identifying', () => {
  it('counts bytes copied in whole percents and ends at 100, not storing: the build comes after', () => {
    expect(progressOf(1, 3, 'deidentifying')).toEqual({ phase: 'deidentifying', percent: 33 });
    expect(progressOf(3, 3, 'deidentifying')).toEqual({ phase: 'deidentifying', percent: 100 });
    expect(progressOf(0, 0, 'deidentifying')).toEqual({ phase: 'deidentifying', percent: 0 });
  });
});

describe('ProgressWriter', () => {
  it('writes each change of phase or percent once, in order, however many tiles report', async () => {
    const written: JobProgress[] = [];
    const writer = new ProgressWriter(async (progress) => {
      // A slower write than the reports that follow it: they still land after it.
      await new Promise((resolve) => setImmediate(resolve));
      written.push(progress);
    });
    for (let done = 0; done <= 1000; done += 1) writer.built('tiles', done, 1000);
    await writer.settled();
    expect(written.slice(0, 2)).toEqual([
      { phase: 'tiles', percent: 0 },
      { phase: 'tiles', percent: 1 },
    ]);
    expect(written.at(-1)).toEqual({ phase: 'storing', percent: 100 });
    expect(written).toHaveLength(100 + 1);
  });

  it('goes on after a write fails', async () => {
    const written: JobProgress[] = [];
    const writer = new ProgressWriter(async (progress) => {
      if (progress.percent === 10) throw new Error('database busy');
      written.push(progress);
    });
    writer.built('tiles', 10, 100);
    writer.built('frames', 20, 100);
    await writer.settled();
    expect(written).toEqual([{ phase: 'frames', percent: 20 }]);
  });

  it('writes every count of a pull, in order, with its percent of the instances listed', async () => {
    const written: JobProgress[] = [];
    const writer = new ProgressWriter(async (progress) => {
      written.push(progress);
    });
    writer.pulled({ done: 1, total: 3, bytes: 500 });
    writer.pulled({ done: 2, total: 3, bytes: 1000 });
    // The PACS sent one more than it listed: never past 100.
    writer.pulled({ done: 4, total: 3, bytes: 2000 });
    await writer.settled();
    expect(written).toEqual([
      { phase: 'instances', percent: 33, counts: { done: 1, total: 3, bytes: 500 } },
      { phase: 'instances', percent: 66, counts: { done: 2, total: 3, bytes: 1000 } },
      { phase: 'instances', percent: 100, counts: { done: 4, total: 3, bytes: 2000 } },
    ]);
  });
});
