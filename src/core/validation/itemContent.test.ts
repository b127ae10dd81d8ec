import { describe, expect, it } from 'vitest';
import type { FrameSetItem, SeriesItem, SlideItem } from '../item';
import { validateItemContent } from './itemContent';

const series: SeriesItem = {
  kind: 'series',
  modality: 'CT',
  studyInstanceUid: '1.2.3',
  seriesInstanceUid: '1.2.3.4',
  seriesDescription: '',
  orientation: [1, 0, 0, 0, 0.9483, -0.3173],
  slices: [
    { targetId: '1.2.3.4.1', fileId: 'f1', sopInstanceUid: '1.2.3.4.1', instanceNumber: 1, position: [-125, -90.5, 12.2] },
    { targetId: '1.2.3.4.2#2', fileId: 'f2', sopInstanceUid: '1.2.3.4.2', frame: 2, instanceNumber: null, position: null },
  ],
  rows: 512,
  columns: 512,
  pixelSpacing: [0.488, 0.488],
};

const slide: SlideItem = {
  kind: 'slide',
  levels: [
    { width: 46000, height: 32914, downsample: 1 },
    { width: 11500, height: 8228, downsample: 4.0001 },
  ],
  micronsPerPixel: [0.499, 0.499],
  tileSize: 256,
  tileFormat: 'jpeg',
  tileVersion: '0123456789abcdef',
  objectivePower: 20,
  scanner: 'Aperio',
};

const frames: FrameSetItem = {
  kind: 'frameSet',
  source: 'video',
  frames: [
    { targetId: 'v#0', fileId: 'v', videoFrame: 0, width: 1920, height: 1080 },
    { targetId: 'v#1', fileId: 'v', videoFrame: 1, width: 1920, height: 1080 },
  ],
};

function errorsOf(x: unknown): string[] {
  const r = validateItemContent(x);
  return r.ok ? [] : r.errors;
}

/** Mutable deep copy to break in one place. */
function copy<T>(x: T): Record<string, any> {
  // `any`: tests write wrong values anywhere in the JSON tree.
  return JSON.parse(JSON.stringify(x)) as Record<string, any>;
}

describe('validateItemContent', () => {
  it.each([series, slide, frames])('accepts a valid $kind', (content) => {
    expect(validateItemContent(content)).toEqual({ ok: true, value: content });
  });

  it('accepts a series without geometry', () => {
    expect(validateItemContent({ ...series, orientation: null, pixelSpacing: null }).ok).toBe(true);
  });

  it('refuses an unknown kind and non-objects', () => {
    expect(errorsOf({ kind: 'volume' })).toEqual(['kind: expected "series", "slide" or "frameSet", got "volume"']);
    expect(errorsOf(null)).toEqual(['(root): expected an object, got null']);
  });

  it('checks series geometry and slice references', () => {
    const s = copy(series);
    s.orientation = [1, 0, 0, 0, 1];
    s.pixelSpacing = [0, 0.5];
    s.rows = 0;
    s.slices[1].targetId = '1.2.3.4.1';
    s.slices[1].frame = 0;
    s.slices[0].position = [0, 'x', 0];
    s.slices[0].instanceNumber = 1.5;
    expect(errorsOf(s)).toEqual([
      'orientation: expected 6 numbers, got 5',
      'rows: expected an integer ≥ 1, got 0',
      'pixelSpacing[0]: expected a positive number, got 0',
      'slices[0].instanceNumber: expected an integer, got 1.5',
      'slices[0].position[1]: expected a finite number, got "x"',
      'slices[1].targetId: duplicate target id "1.2.3.4.1"',
      'slices[1].frame: expected an integer ≥ 1, got 0',
    ]);
  });

  it('allows negative instance numbers (DICOM IS is signed)', () => {
    const s = copy(series);
    s.slices[0].instanceNumber = -3;
    expect(errorsOf(s)).toEqual([]);
  });

  it('refuses an empty series', () => {
    expect(errorsOf({ ...series, slices: [] })).toEqual(['slices: a series needs at least one slice']);
  });

  it('checks slide levels', () => {
    const s = copy(slide);
    s.levels[0].downsample = 2;
    s.levels[1].downsample = 0.5;
    s.levels[1].width = -1;
    s.micronsPerPixel = [0.25];
    expect(errorsOf(s)).toEqual([
      'micronsPerPixel: expected 2 numbers, got 1',
      'levels[0].downsample: level 0 must have downsample 1, got 2',
      'levels[1].width: expected an integer ≥ 1, got -1',
      'levels[1].downsample: expected ≥ 1, got 0.5',
    ]);
    expect(errorsOf({ ...slide, levels: [] })).toEqual(['levels: a slide needs at least one level']);
    expect(errorsOf({ ...slide, tileFormat: 'webp', objectivePower: 0, scanner: '' })).toEqual([
      'tileFormat: expected one of "jpeg", "png", got "webp"',
      'objectivePower: expected > 0, got 0',
      'scanner: must not be empty',
    ]);
  });

  it('checks the tile version, a path segment of every tile URL', () => {
    const { tileVersion: _none, ...withoutVersion } = slide;
    expect(errorsOf(withoutVersion)).toEqual(['tileVersion: expected a string, got undefined']);
    expect(errorsOf({ ...slide, tileVersion: '' })).toEqual(['tileVersion: must not be empty']);
    expect(errorsOf({ ...slide, tileVersion: '../0' })).toEqual([`tileVersion: expected 1–64 letters, digits, '-' or '_', got "../0"`]);
    expect(errorsOf({ ...slide, tileVersion: 'demo-v1' })).toEqual([]);
  });

  it('checks frame sets', () => {
    const f = copy(frames);
    f.source = 'camera';
    f.frames[1].targetId = 'v#0';
    f.frames[1].videoFrame = -1;
    f.frames[0].height = '1080';
    expect(errorsOf(f)).toEqual([
      'source: expected one of "images", "video", got "camera"',
      'frames[0].height: expected an integer ≥ 1, got "1080"',
      'frames[1].targetId: duplicate target id "v#0"',
      'frames[1].videoFrame: expected an integer ≥ 0, got -1',
    ]);
  });

  it('checks a frame set\'s rate and sprite sheets', () => {
    const sprites = { version: 'a'.repeat(64), cellWidth: 160, cellHeight: 120, columns: 10, rows: 10, sheets: 1 };
    expect(errorsOf({ ...frames, fps: 25, sprites })).toEqual([]);
    expect(errorsOf({ ...frames, fps: 0, sprites: { ...sprites, version: 'a/b', sheets: 0 } })).toEqual([
      'fps: expected > 0, got 0',
      "sprites.version: expected 1–64 letters, digits, '-' or '_', got \"a/b\"",
      'sprites.sheets: expected an integer ≥ 1, got 0',
    ]);
  });

  it('refuses unknown properties', () => {
    expect(errorsOf({ ...frames, frameRate: 30 })).toEqual(['frameRate: unknown property']);
  });
});
