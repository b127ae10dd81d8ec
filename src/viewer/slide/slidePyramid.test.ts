import { describe, expect, it } from 'vitest';
import type { SlideItem } from '../../core/item';
import { osdMaxLevel, slideLevelOf, slideProblem, tileGrid } from './slidePyramid';

const slide: SlideItem = {
  kind: 'slide',
  levels: [
    { width: 2220, height: 2967, downsample: 1 },
    { width: 1110, height: 1484, downsample: 2 },
    { width: 555, height: 742, downsample: 4 },
    { width: 278, height: 371, downsample: 8 },
    { width: 139, height: 186, downsample: 16 },
  ],
  micronsPerPixel: [0.499, 0.499],
  tileSize: 256,
  tileFormat: 'jpeg',
  tileVersion: '0123456789abcdef',
  objectivePower: 20,
  scanner: 'Aperio',
};

describe('slide pyramid as OpenSeadragon sees it', () => {
  it('maps OpenSeadragon levels to ours, full resolution at the top', () => {
    expect(osdMaxLevel(slide)).toBe(4);
    expect(slideLevelOf(slide, 4)).toBe(0);
    expect(slideLevelOf(slide, 0)).toBe(4);
  });

  it('counts tiles from the served level sizes, edge tiles included', () => {
    expect(tileGrid(slide, 0)).toEqual([9, 12]);
    expect(tileGrid(slide, 4)).toEqual([1, 1]);
    expect(tileGrid(slide, 9)).toEqual([0, 0]);
  });

  it('says why a slide item cannot be shown', () => {
    expect(slideProblem(slide)).toBeNull();
    expect(slideProblem({ ...slide, levels: [] })).toBe('noLevels');
    expect(slideProblem({ ...slide, tileSize: 0 })).toBe('badTileSize');
    expect(slideProblem({ ...slide, levels: [{ width: 10, height: 10, downsample: 1 }, { width: 3, height: 3, downsample: 3 }] })).toBe('badLevels');
    expect(slideProblem({ ...slide, levels: [{ width: 0, height: 10, downsample: 1 }] })).toBe('badLevels');
  });
});
