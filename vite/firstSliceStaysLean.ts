/**
 * Fails `vite build` when the chunks a series' first slice waits for (the one holding
 * `src/viewer/cornerstone/init.ts` and what it statically imports) hold a package that drawing a
 * slice does not run: Cornerstone's tools and adapters load after the first frame or on use
 * (lazyTools.ts), codecs run in the decode workers, mesh readers nowhere (firstSliceTrim.ts). Each
 * of them is more script for V8 to compile before Cornerstone's init on a cold open.
 */
import type { Plugin } from 'vite';
import { isHeavyPackage, packageOf } from './entryStaysLean';

export const NOT_FOR_THE_FIRST_SLICE: readonly (string | RegExp)[] = [
  '@cornerstonejs/tools',
  '@cornerstonejs/adapters',
  /^@cornerstonejs\/codec-/,
  'xmlbuilder2',
  '@oozcitak/dom',
  'js-yaml',
];

const INIT_MODULE = /\/src\/viewer\/cornerstone\/init\.ts$/;

export interface ChunkShape {
  readonly imports: readonly string[];
  readonly moduleIds: readonly string[];
}

/** The chunk holding Cornerstone's init and every chunk it statically imports, by file name. */
export function firstSliceChunks(chunks: ReadonlyMap<string, ChunkShape>): string[] {
  const start = [...chunks].find(([, chunk]) => chunk.moduleIds.some((id) => INIT_MODULE.test(id.replaceAll('\\', '/'))));
  if (!start) return [];
  const found = [start[0]];
  for (let next = 0; next < found.length; next++) {
    for (const imported of chunks.get(found[next]!)?.imports ?? []) if (!found.includes(imported)) found.push(imported);
  }
  return found;
}

/** `package (chunk file)` for each unwanted package in those chunks. */
export function unwantedInFirstSlice(chunks: ReadonlyMap<string, ChunkShape>, unwanted: readonly (string | RegExp)[] = NOT_FOR_THE_FIRST_SLICE): string[] {
  const found = new Set<string>();
  for (const name of firstSliceChunks(chunks)) {
    for (const id of chunks.get(name)?.moduleIds ?? []) {
      const pkg = packageOf(id);
      if (pkg && isHeavyPackage(pkg, unwanted)) found.add(`${pkg} (${name})`);
    }
  }
  return [...found];
}

export function firstSliceStaysLean(): Plugin {
  return {
    name: 'mejirushi:first-slice-stays-lean',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkShape>();
      for (const [name, output] of Object.entries(bundle)) {
        // Rendered modules only: what tree-shaking dropped is not in the file.
        if (output.type === 'chunk') chunks.set(name, { imports: output.imports, moduleIds: Object.entries(output.modules).filter(([, m]) => m.renderedLength > 0).map(([id]) => id) });
      }
      const found = unwantedInFirstSlice(chunks);
      if (found.length === 0) return;
      this.error(
        `mejirushi:first-slice-stays-lean: the series viewer's first-slice chunks hold code no slice draw runs:\n  ${found.join('\n  ')}\n` +
          'Load it after the first frame or on use (see src/viewer/lazyTools.ts), or trim it (vite/firstSliceTrim.ts).',
      );
    },
  };
}
