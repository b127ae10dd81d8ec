import { describe, expect, it } from 'vitest';
import { runnableChunks } from './runnableChunks';

const texts = (entries: Record<string, string | null>) => new Map(Object.entries(entries));

describe('runnableChunks', () => {
  it('runs the chunks that reach no entry and leaves the entries compiled only', () => {
    const chunks = ['/assets/early-a1.js', '/assets/index-b2.js', '/assets/init-c3.js', '/assets/dcmjs-d4.js'];
    const textOf = texts({
      '/assets/early-a1.js': 'import"./tileLoadError-x.js";',
      '/assets/index-b2.js': 'import{a}from"./jsx-runtime-y.js";',
      '/assets/init-c3.js': 'import{d}from"./dcmjs-d4.js";export const i=1;',
      '/assets/dcmjs-d4.js': 'export const d=2;',
    });
    expect(runnableChunks(chunks, ['/assets/early-a1.js', '/assets/index-b2.js'], textOf)).toEqual(new Set(['/assets/init-c3.js', '/assets/dcmjs-d4.js']));
  });

  it('leaves out a chunk that reaches an entry through others, statically or by a dynamic import', () => {
    const chunks = ['/assets/index-b2.js', '/assets/AdminPage-e5.js', '/assets/panel-f6.js', '/assets/lazy-g7.js', '/assets/leaf-h8.js'];
    const textOf = texts({
      '/assets/index-b2.js': 'export const app=1;',
      '/assets/AdminPage-e5.js': 'import{app}from"./index-b2.js";',
      '/assets/panel-f6.js': 'import{p}from"./AdminPage-e5.js";',
      '/assets/lazy-g7.js': 'const m=()=>import("./panel-f6.js");',
      '/assets/leaf-h8.js': 'export const leaf=1;',
    });
    expect(runnableChunks(chunks, ['/assets/index-b2.js'], textOf)).toEqual(new Set(['/assets/leaf-h8.js']));
  });

  it('does not run a chunk whose text could not be read', () => {
    const chunks = ['/assets/init-c3.js', '/assets/dcmjs-d4.js'];
    const textOf = texts({ '/assets/init-c3.js': null, '/assets/dcmjs-d4.js': 'export const d=2;' });
    expect(runnableChunks(chunks, [], textOf)).toEqual(new Set(['/assets/dcmjs-d4.js']));
  });
});
