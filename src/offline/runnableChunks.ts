/**
 * Which of a page's chunks the code warm-up may run, not only compile: V8 makes its code cache for
 * a module when the module runs, so a chunk only compiled in the warm-up frame was compiled again,
 * and its cache made, on the reader's next visit (~200 ms of the warm visit's main thread before
 * the first slice: Cornerstone's chunk, dcmjs, React). Running a chunk runs everything it imports,
 * so a chunk that reaches the app's entry (the early script, the app) stays compiled only: an
 * entry run in the frame would start a second app there. A chunk reaches an entry when its text
 * names the entry's file or a chunk that reaches one (static or dynamic import alike, the
 * careful side); a chunk whose text could not be read is not run either.
 */
export function runnableChunks(chunks: readonly string[], entries: readonly string[], textOf: ReadonlyMap<string, string | null>): Set<string> {
  const reaching = new Set(entries);
  for (let grew = true; grew; ) {
    grew = false;
    for (const chunk of chunks) {
      if (reaching.has(chunk)) continue;
      const text = textOf.get(chunk) ?? null;
      if (text === null || [...reaching].some((entry) => text.includes(fileName(entry)))) {
        reaching.add(chunk);
        grew = true;
      }
    }
  }
  return new Set(chunks.filter((chunk) => !reaching.has(chunk)));
}

/** `/assets/index-8f3R.js` → `index-8f3R.js`: how one chunk names another in its imports. */
const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
