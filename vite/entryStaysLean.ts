/**
 * Fails `vite build` when the entry's static import closure reaches an imaging or inference
 * library. Those load with their viewer through `import()`; one static import of a view from an
 * always-loaded component once put 4 MB of Cornerstone into the entry script and made a slide's
 * cold first screen 2.8× the bare viewer. The module graph says why, so the error names the
 * shortest import chain from the entry to the library.
 */
import { relative } from 'node:path';
import type { Plugin } from 'vite';

/** Packages that only code-split viewers, workers or panels may load. */
export const HEAVY_PACKAGES: readonly (string | RegExp)[] = [/^@cornerstonejs\//, 'dcmjs', 'dicom-parser', 'onnxruntime-web', 'chart.js', 'openseadragon'];

/** The npm package a resolved module id lives in (`@scope/name` or `name`), or null for app code. */
export function packageOf(id: string): string | null {
  const path = id.split('?')[0]!.replaceAll('\\', '/');
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
  return first?.startsWith('@') && second ? `${first}/${second}` : (first ?? null);
}

export function isHeavyPackage(name: string, heavy: readonly (string | RegExp)[] = HEAVY_PACKAGES): boolean {
  return heavy.some((rule) => (typeof rule === 'string' ? rule === name : rule.test(name)));
}

export interface HeavyImport {
  readonly packageName: string;
  /** Module ids from the entry to the first module of the package, both included. */
  readonly chain: readonly string[];
}

/**
 * For each heavy package the entries reach through static imports, the shortest chain to it
 * (breadth-first). The walk does not go on through a heavy module: the chain ends where app code
 * crossed the line.
 */
export function heavyImportChains(
  entries: readonly string[],
  staticImportsOf: (id: string) => readonly string[],
  heavyPackageOf: (id: string) => string | null,
): HeavyImport[] {
  const cameFrom = new Map<string, string | null>(entries.map((id) => [id, null]));
  const queue = [...entries];
  const found = new Map<string, string>();
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next]!;
    const heavy = heavyPackageOf(id);
    if (heavy) {
      if (!found.has(heavy)) found.set(heavy, id);
      continue;
    }
    for (const imported of staticImportsOf(id)) {
      if (cameFrom.has(imported)) continue;
      cameFrom.set(imported, id);
      queue.push(imported);
    }
  }
  return [...found].map(([packageName, last]) => {
    const chain: string[] = [];
    for (let id: string | null | undefined = last; id != null; id = cameFrom.get(id)) chain.unshift(id);
    return { packageName, chain };
  });
}

/** `index.html → src/main.tsx → … → @cornerstonejs/core`: app files relative to the root, packages by name. */
export function describeChain(chain: readonly string[], root: string): string {
  return chain.map((id) => packageOf(id) ?? relative(root, id.split('?')[0]!).replaceAll('\\', '/')).join(' → ');
}

export function entryStaysLean(heavy: readonly (string | RegExp)[] = HEAVY_PACKAGES): Plugin {
  let root = process.cwd();
  return {
    name: 'mejirushi:entry-stays-lean',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const entries = Object.values(bundle).flatMap((output) => (output.type === 'chunk' && output.isEntry && output.facadeModuleId ? [output.facadeModuleId] : []));
      // importedIds only: what dynamicallyImportedIds lists loads in a chunk of its own, later.
      const staticImportsOf = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      const heavyPackageOf = (id: string) => {
        const name = packageOf(id);
        return name && isHeavyPackage(name, heavy) ? name : null;
      };
      const found = heavyImportChains(entries, staticImportsOf, heavyPackageOf);
      if (found.length === 0) return;
      this.error(
        'mejirushi:entry-stays-lean: the entry script statically imports libraries that must load with their viewer ' +
          `through import():\n${found.map(({ chain }) => `  ${describeChain(chain, root)}`).join('\n')}\n` +
          'Load the view that needs them through lazyChunk/ChunkGate (see src/viewer/ChunkGate.tsx).',
      );
    },
  };
}
