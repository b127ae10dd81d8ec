import { describe, expect, it } from 'vitest';
import { generateHeadCtPhantom } from '../demo/phantom';
import { routeImport } from './route';

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array<number>(64).fill(0)]);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('routeImport', () => {
  it('sends JPEG and PNG stills and MP4 and WebM videos to the frame importers', () => {
    expect(routeImport(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ importer: 'still', format: 'jpeg' });
    expect(routeImport(bytes(0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a))).toEqual({ importer: 'still', format: 'png' });
    expect(routeImport(bytes(0, 0, 0, 0x20, ...ascii('ftypisom')))).toEqual({ importer: 'video', format: 'mp4' });
    expect(routeImport(bytes(0x1a, 0x45, 0xdf, 0xa3))).toEqual({ importer: 'video', format: 'webm' });
  });

  it('leaves DICOM files and anything unknown to the series importer', () => {
    const [first] = generateHeadCtPhantom({ sliceCount: 6, seed: 1 }).files;
    if (!first || !('bytes' in first)) throw new Error('the phantom gave no bytes');
    expect(routeImport(first.bytes)).toEqual({ importer: 'series' });
    expect(routeImport(bytes(...ascii('plain text')))).toEqual({ importer: 'series' });
    // Cut before the JPEG's first marker: not taken for a still.
    expect(routeImport(new Uint8Array([0xff, 0xd8]))).toEqual({ importer: 'series' });
  });
});
