import { describe, expect, it } from 'vitest';
import { precacheList, routeFor } from './swRoutes';

const origin = 'https://mejirushi.example';
const get = (path: string, mode = 'cors') => ({ method: 'GET', mode, url: `${origin}${path}` });

describe('routeFor', () => {
  it('serves navigations network-first from the shell, whatever the path', () => {
    expect(routeFor(get('/', 'navigate'), origin)).toBe('shell');
    expect(routeFor(get('/items/abc?slice=3', 'navigate'), origin)).toBe('shell');
  });

  it('leaves DICOM files (the page keeps them) and every other API call to the network', () => {
    expect(routeFor(get('/api/items/i1/files/f1'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1/files'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1/files/f1/extra'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1/annotations/me'), origin)).toBe('passThrough');
    // The live change stream stays open: never cached, never answered by the worker.
    expect(routeFor(get('/api/changes/stream'), origin)).toBe('passThrough');
  });

  it('caches frame images and sprite sheets, whose URLs name immutable bytes', () => {
    expect(routeFor(get('/api/items/i1/frames/t1'), origin)).toBe('file');
    expect(routeFor(get('/api/items/i1/sprites/abc123/0'), origin)).toBe('file');
    expect(routeFor(get('/api/items/i1/sprites/abc123/12'), origin)).toBe('file');
    expect(routeFor(get('/api/items/i1/frames'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1/sprites/abc123'), origin)).toBe('passThrough');
    expect(routeFor(get('/api/items/i1/sprites/abc123/x'), origin)).toBe('passThrough');
  });

  it('serves built assets cache-first and other static files network-first', () => {
    expect(routeFor(get('/assets/index-abc123.js'), origin)).toBe('asset');
    expect(routeFor(get('/favicon.svg'), origin)).toBe('static');
  });

  it('leaves writes and other origins alone', () => {
    expect(routeFor({ ...get('/api/items/i1/files/f1'), method: 'PUT' }, origin)).toBe('passThrough');
    expect(routeFor({ method: 'GET', mode: 'cors', url: 'https://cdn.example/x.js' }, origin)).toBe('passThrough');
  });
});

describe('precacheList', () => {
  it('adds the root, drops the worker itself and duplicates', () => {
    expect(precacheList(['/index.html', '/assets/a.js', '/sw.js', '/assets/a.js'])).toEqual([
      '/',
      '/index.html',
      '/assets/a.js',
    ]);
  });

  it('leaves the model runtime to be kept on its first use', () => {
    expect(precacheList(['/assets/index-1.js', '/assets/ort-wasm-simd-threaded.jsep-2b.wasm', '/assets/openjpegwasm_decode-3.wasm'])).toEqual([
      '/',
      '/assets/index-1.js',
      '/assets/openjpegwasm_decode-3.wasm',
    ]);
  });

  it('refuses a listing that is not a list of URLs', () => {
    expect(() => precacheList({ files: [] })).toThrow(/not a list of URLs/);
    expect(() => precacheList(['/a', 3])).toThrow(/not a list of URLs/);
  });
});
