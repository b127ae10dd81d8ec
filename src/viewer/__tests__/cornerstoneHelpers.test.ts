import parseImageId from '@cornerstonejs/dicom-image-loader/wadouri/parseImageId';
import { describe, expect, it } from 'vitest';
import { decodeWorkerCount } from '../cornerstone/decodeWorkers';
import { fileIdOf, fileImageId, sliceImageId } from '../cornerstone/imageIds';
import { chooseRenderMode, parseRenderMode } from '../cornerstone/renderMode';
import { classifyLoadError, describeLoadError } from '../loadError';
import { SliceTimeoutError } from '../sliceTimeout';
import { prefetchOrder } from '../prefetchOrder';

describe('image ids', () => {
  it('name a single-frame file and a frame the way the DICOM image loader parses them', () => {
    const single = sliceImageId({ fileId: 'f/1' });
    const frame = sliceImageId({ fileId: 'f/1', frame: 3 });
    expect(single).toBe('mejirushi:f%2F1');
    expect(frame).toBe('mejirushi:f%2F1?frame=3');
    expect(parseImageId(frame)).toMatchObject({ scheme: 'mejirushi', url: 'f%2F1', frame: 3, pixelDataFrame: 2 });
    expect(parseImageId(single)).toMatchObject({ url: 'f%2F1', frame: undefined });
  });

  it('give the file id back', () => {
    expect(fileIdOf(sliceImageId({ fileId: 'a:b?c', frame: 2 }))).toBe('a:b?c');
    expect(fileIdOf(fileImageId('0f3c'))).toBe('0f3c');
    expect(() => fileIdOf('wadouri:http://x/y')).toThrow(/Not a mejirushi image id/);
  });
});

describe('render mode', () => {
  const realGpu = { webgl2: true, softwareRasterizer: false };
  const swiftShader = { webgl2: true, softwareRasterizer: true };

  it('uses the GPU only with a hardware WebGL2 device', () => {
    expect(chooseRenderMode(null, realGpu)).toBe('gpu');
    expect(chooseRenderMode(null, swiftShader)).toBe('cpu');
    expect(chooseRenderMode(null, { webgl2: false, softwareRasterizer: false })).toBe('cpu');
  });

  it('obeys ?render= and ignores anything else', () => {
    expect(chooseRenderMode(parseRenderMode('gpu'), swiftShader)).toBe('gpu');
    expect(chooseRenderMode(parseRenderMode('cpu'), realGpu)).toBe('cpu');
    expect(parseRenderMode('webgpu')).toBeNull();
    expect(parseRenderMode(null)).toBeNull();
  });
});

describe('decodeWorkerCount', () => {
  it('leaves a core to the page and caps at four', () => {
    expect(decodeWorkerCount(2)).toBe(1);
    expect(decodeWorkerCount(1)).toBe(1);
    expect(decodeWorkerCount(4)).toBe(3);
    expect(decodeWorkerCount(32)).toBe(4);
    expect(decodeWorkerCount(undefined)).toBe(1);
  });
});

describe('describeLoadError', () => {
  it('finds the reason in what Cornerstone and the loader reject with', () => {
    expect(describeLoadError(new Error('no pixel data'))).toBe('no pixel data');
    expect(describeLoadError({ error: new Error('JPEG marker ffff') })).toBe('JPEG marker ffff');
    expect(describeLoadError({ detail: { error: 'decode failed' } })).toBe('decode failed');
    expect(describeLoadError({ status: 404 })).toBe('HTTP 404');
    expect(describeLoadError('  ')).toBeNull();
    expect(describeLoadError(undefined)).toBeNull();
    expect(describeLoadError({})).toBeNull();
  });
});

describe('prefetchOrder', () => {
  it('goes outward from the current slice, ahead first', () => {
    expect(prefetchOrder(3, 7)).toEqual([4, 2, 5, 1, 6, 0]);
  });

  it('covers every other slice once at the ends of the series', () => {
    expect(prefetchOrder(0, 4)).toEqual([1, 2, 3]);
    expect(prefetchOrder(3, 4)).toEqual([2, 1, 0]);
    expect(prefetchOrder(0, 1)).toEqual([]);
  });
});

describe('classifyLoadError', () => {
  it('recognises the reasons a user can act on', () => {
    expect(classifyLoadError('loadImageFromNaturalizedMetadata: no pixel data in NATURALIZED for imageId x')).toBe('noPixelData');
    expect(classifyLoadError('Failed to fetch')).toBe('network');
    expect(classifyLoadError('HTTP 404 for f1')).toBe('notFound');
    expect(classifyLoadError(new SliceTimeoutError(3000).message)).toBe('timeout');
    expect(classifyLoadError('JPEG marker ffff')).toBe('unreadable');
    expect(classifyLoadError('unknown')).toBe('unreadable');
  });
});
