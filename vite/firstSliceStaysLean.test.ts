import { describe, expect, it } from 'vitest';
import { firstSliceChunks, unwantedInFirstSlice, type ChunkShape } from './firstSliceStaysLean';

const NM = '/w/node_modules';
const chunks = (entries: Record<string, ChunkShape>) => new Map(Object.entries(entries));

const APP = {
  'index.js': { imports: ['runtime.js'], moduleIds: ['/w/src/main.tsx'] },
  'runtime.js': { imports: [], moduleIds: ['\0rolldown/runtime'] },
  'init.js': { imports: ['runtime.js', 'dcmjs.js'], moduleIds: ['/w/src/viewer/cornerstone/init.ts', `${NM}/@cornerstonejs/core/dist/esm/index.js`] },
  'dcmjs.js': { imports: [], moduleIds: [`${NM}/dcmjs/build/dcmjs.es.js`] },
  // Imports init's chunk, loaded after the first frame: not part of the first slice.
  'tools.js': { imports: ['init.js'], moduleIds: [`${NM}/@cornerstonejs/tools/dist/esm/index.js`] },
};

describe('firstSliceChunks', () => {
  it('is the chunk holding Cornerstone init and what it imports statically, not what imports it', () => {
    expect(firstSliceChunks(chunks(APP)).sort()).toEqual(['dcmjs.js', 'init.js', 'runtime.js']);
  });

  it('is empty for a build without the series viewer', () => {
    expect(firstSliceChunks(chunks({ 'index.js': APP['index.js'] }))).toEqual([]);
  });
});

describe('unwantedInFirstSlice', () => {
  it('passes a build whose tools load in a later chunk', () => {
    expect(unwantedInFirstSlice(chunks(APP))).toEqual([]);
  });

  it('names each unwanted package and the chunk it landed in', () => {
    const found = unwantedInFirstSlice(
      chunks({
        ...APP,
        'dcmjs.js': { imports: [], moduleIds: [`${NM}/dcmjs/build/dcmjs.es.js`, `${NM}/@cornerstonejs/codec-charls/dist/charlswasm_decode.js`] },
        'init.js': { ...APP['init.js'], moduleIds: [...APP['init.js'].moduleIds, `${NM}/@cornerstonejs/tools/dist/esm/index.js`, `${NM}/xmlbuilder2/lib/index.js`] },
      }),
    );
    expect(found.sort()).toEqual(['@cornerstonejs/codec-charls (dcmjs.js)', '@cornerstonejs/tools (init.js)', 'xmlbuilder2 (init.js)']);
  });
});
