import { describe, expect, it } from 'vitest';
import { chunksToWarm, codeWarmup, type CodeWarmupHost, type CodeWarmupOutcome, type FetchedResource } from './codeWarmup';

const ORIGIN = 'https://app.test';

const fetched = (path: string, initiatorType = 'script'): FetchedResource => ({ name: `${ORIGIN}${path}`, initiatorType });

const PAGE_RESOURCES: FetchedResource[] = [
  fetched('/assets/early-B6Q4.js'),
  fetched('/assets/index-8f3R.js', 'link'),
  fetched('/assets/init-C_Y8.js'),
  fetched('/assets/index-8f3R.js'),
  fetched('/assets/decodeImageFrameWorker-x1.js', 'other'),
  fetched('/assets/index-8f3R.css', 'link'),
  fetched('/api/items/i1', 'fetch'),
];

/** What each chunk of PAGE_RESOURCES says: the app's entry imports the shared chunk, Cornerstone's chunk does not import the entry. */
const CHUNK_TEXTS: Record<string, string> = {
  '/assets/early-B6Q4.js': 'const a=()=>import(document.querySelector("link").href);',
  '/assets/index-8f3R.js': 'import{j}from"./jsx-runtime-1.js";',
  '/assets/init-C_Y8.js': 'import{d}from"./dcmjs-2.js";export const init=1;',
};

function host(overrides: Partial<CodeWarmupHost> = {}) {
  const compiled: (readonly string[])[] = [];
  const ran: string[][] = [];
  const reported: CodeWarmupOutcome[] = [];
  const idle: (() => void)[] = [];
  const fake: CodeWarmupHost = {
    startedControlled: false,
    isControlled: () => true,
    fetchedResources: () => PAGE_RESOURCES,
    origin: ORIGIN,
    entries: () => ['/assets/early-B6Q4.js', '/assets/index-8f3R.js'],
    chunkText: async (url) => CHUNK_TEXTS[url] ?? null,
    whenIdle: (task) => idle.push(task),
    load: async (urls, run) => {
      compiled.push(urls);
      ran.push([...run]);
      return urls.length;
    },
    report: (outcome) => reported.push(outcome),
    ...overrides,
  };
  /** Runs the idle tasks queued so far (the page going idle). */
  const goIdle = () => idle.splice(0).forEach((task) => task());
  return { fake, compiled, ran, reported, goIdle, idle };
}

describe('chunksToWarm', () => {
  it("takes the page's module chunks, each once in the order first fetched, and leaves out workers, styles and data", () => {
    expect(chunksToWarm(PAGE_RESOURCES, ORIGIN)).toEqual(['/assets/early-B6Q4.js', '/assets/index-8f3R.js', '/assets/init-C_Y8.js']);
  });

  it("leaves out another origin's scripts and scripts outside the build's assets", () => {
    const entries = [fetched('/sw.js'), fetched('/assets/nested/x.js'), { name: 'https://cdn.test/assets/a.js', initiatorType: 'script' }, fetched('/assets/a.js?v=1')];
    expect(chunksToWarm(entries, ORIGIN)).toEqual(['/assets/a.js']);
  });
});

describe('codeWarmup', () => {
  it('warms, at idle, the chunks of a page that started uncontrolled and is controlled now, running those that cannot start the app, and reports the count', async () => {
    const { fake, compiled, ran, reported, goIdle } = host();
    const done = codeWarmup(fake).start();
    await Promise.resolve();
    // Nothing before the page is idle: never on the first screen's path.
    expect(compiled).toEqual([]);
    goIdle();
    expect(await done).toBe(3);
    expect(compiled).toEqual([['/assets/early-B6Q4.js', '/assets/index-8f3R.js', '/assets/init-C_Y8.js']]);
    // The entries are compiled only; Cornerstone's chunk runs, so its code cache is made now.
    expect(ran).toEqual([['/assets/init-C_Y8.js']]);
    expect(reported).toEqual([3]);
  });

  it('runs no chunk whose text it could not read', async () => {
    const { fake, ran, goIdle } = host({ chunkText: async () => Promise.reject(new Error('offline')) });
    const done = codeWarmup(fake).start();
    await Promise.resolve();
    goIdle();
    expect(await done).toBe(3);
    expect(ran).toEqual([[]]);
  });

  it('does nothing on a page that started controlled: its scripts came through the worker already', async () => {
    const { fake, compiled, reported, idle } = host({ startedControlled: true });
    expect(await codeWarmup(fake).start()).toBeNull();
    expect(idle).toHaveLength(0);
    expect(compiled).toEqual([]);
    expect(reported).toEqual([]);
  });

  it('does nothing while no worker controls the page (no worker, the dev server)', async () => {
    const { fake, compiled, reported, idle } = host({ isControlled: () => false });
    expect(await codeWarmup(fake).start()).toBeNull();
    expect(idle).toHaveLength(0);
    expect(compiled).toEqual([]);
    expect(reported).toEqual([]);
  });

  it('warms once, however often it is started', async () => {
    const { fake, compiled, reported, goIdle } = host();
    const warmup = codeWarmup(fake);
    const first = warmup.start();
    const second = warmup.start();
    await Promise.resolve();
    goIdle();
    expect(await first).toBe(3);
    expect(await second).toBe(3);
    expect(await warmup.start()).toBe(3);
    goIdle();
    expect(compiled).toHaveLength(1);
    expect(reported).toEqual([3]);
  });

  it('reports none when the page fetched no chunk, without a frame', async () => {
    const { fake, compiled, reported, goIdle } = host({ fetchedResources: () => [fetched('/api/items/i1', 'fetch')] });
    const done = codeWarmup(fake).start();
    await Promise.resolve();
    goIdle();
    expect(await done).toBe('none');
    expect(compiled).toEqual([]);
    expect(reported).toEqual(['none']);
  });

  it('reports failed, without throwing, when no chunk loaded or the frame threw', async () => {
    for (const load of [async () => 0, async () => Promise.reject(new Error('no body'))]) {
      const { fake, reported, goIdle } = host({ load });
      const done = codeWarmup(fake).start();
      await Promise.resolve();
      goIdle();
      expect(await done).toBe('failed');
      expect(reported).toEqual(['failed']);
    }
  });
});
