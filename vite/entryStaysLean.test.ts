import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { describeChain, entryStaysLean, heavyImportChains, isHeavyPackage, packageOf } from './entryStaysLean';

const graph = (edges: Record<string, readonly string[]>) => (id: string) => edges[id] ?? [];
const heavyByName = (id: string) => (id.startsWith('/nm/') ? id.slice(4) : null);

describe('heavyImportChains', () => {
  it('finds the shortest static chain to each heavy package', () => {
    const found = heavyImportChains(
      ['/app/index.html'],
      graph({
        '/app/index.html': ['/app/main.tsx'],
        '/app/main.tsx': ['/app/a.ts', '/app/b.ts'],
        '/app/a.ts': ['/app/c.ts'],
        '/app/c.ts': ['/nm/dcmjs'],
        '/app/b.ts': ['/nm/dcmjs', '/nm/openseadragon'],
      }),
      heavyByName,
    );
    expect(found).toEqual([
      { packageName: 'dcmjs', chain: ['/app/index.html', '/app/main.tsx', '/app/b.ts', '/nm/dcmjs'] },
      { packageName: 'openseadragon', chain: ['/app/index.html', '/app/main.tsx', '/app/b.ts', '/nm/openseadragon'] },
    ]);
  });

  it('finds nothing when the heavy package is only behind an edge the graph leaves out, and survives cycles', () => {
    const staticOnly = graph({ '/app/index.html': ['/app/main.tsx'], '/app/main.tsx': ['/app/a.ts'], '/app/a.ts': ['/app/main.tsx'] });
    expect(heavyImportChains(['/app/index.html'], staticOnly, heavyByName)).toEqual([]);
  });

  it('stops at the first heavy module rather than following the library inside', () => {
    const found = heavyImportChains(['/e'], graph({ '/e': ['/nm/tools'], '/nm/tools': ['/nm/core'] }), heavyByName);
    expect(found.map((f) => f.packageName)).toEqual(['tools']);
  });
});

describe('packageOf and the heavy list', () => {
  it('names the innermost package of a resolved id, whatever the path style or query', () => {
    expect(packageOf('/w/node_modules/@cornerstonejs/core/dist/esm/index.js')).toBe('@cornerstonejs/core');
    expect(packageOf('C:\\w\\node_modules\\a\\node_modules\\dcmjs\\build\\dcmjs.es.js?v=1')).toBe('dcmjs');
    expect(packageOf('/w/src/viewer/cornerstone/init.ts')).toBeNull();
    expect(isHeavyPackage('@cornerstonejs/tools')).toBe(true);
    expect(isHeavyPackage('chart.js')).toBe(true);
    expect(isHeavyPackage('react')).toBe(false);
  });

  it('writes the chain with app files relative to the root and packages by name', () => {
    expect(describeChain(['/w/index.html', '/w/src/main.tsx', '/w/node_modules/openseadragon/build/openseadragon.js'], '/w')).toBe(
      'index.html → src/main.tsx → openseadragon',
    );
  });
});

describe('entryStaysLean in a real build', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function project(files: Record<string, string>) {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-entry-lean-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }

  const FILES = {
    'index.html': '<!doctype html><script type="module" src="/src/main.ts"></script>',
    'node_modules/openseadragon/package.json': JSON.stringify({ name: 'openseadragon', type: 'module', main: 'index.js' }),
    'node_modules/openseadragon/index.js': 'export const viewer = () => globalThis.document.title;',
    'src/slide.ts': "import { viewer } from 'openseadragon';\nexport const open = () => viewer();",
  };
  const run = () => build({ root, configFile: false, logLevel: 'silent', plugins: [entryStaysLean()], build: { write: false } });

  it('fails the build with the chain when the entry statically imports a heavy package', async () => {
    project({ ...FILES, 'src/main.ts': "import { open } from './slide';\nconsole.log(open());" });
    await expect(run()).rejects.toThrow('index.html → src/main.ts → src/slide.ts → openseadragon');
  });

  it('lets the build through when the package loads through import()', async () => {
    project({ ...FILES, 'src/main.ts': "void import('./slide').then((m) => console.log(m.open()));" });
    await expect(run()).resolves.toBeDefined();
  });
});
