/**
 * The served pyramid seen from OpenSeadragon. Our level k has downsample 2^k (0 = full
 * resolution); OpenSeadragon counts the other way, its level L scaling by 2^(L − maxLevel). With
 * maxLevel = levels − 1 the two meet: OpenSeadragon level L is our level `levels − 1 − L`.
 */
import type { SlideItem } from '../../core/item';

export function osdMaxLevel(slide: SlideItem): number {
  return slide.levels.length - 1;
}

export function slideLevelOf(slide: SlideItem, osdLevel: number): number {
  return slide.levels.length - 1 - osdLevel;
}

/** Tiles across and down at our level (edge tiles may be smaller); [0, 0] for a level that does not exist. */
export function tileGrid(slide: SlideItem, level: number): readonly [number, number] {
  const size = slide.levels[level];
  if (!size) return [0, 0];
  return [Math.ceil(size.width / slide.tileSize), Math.ceil(size.height / slide.tileSize)];
}

/** Why a slide item cannot be shown (a reason code for a sentence), or null when it can. */
export type SlideProblem = 'noLevels' | 'badTileSize' | 'badLevels';

export function slideProblem(slide: SlideItem): SlideProblem | null {
  if (!Array.isArray(slide.levels) || slide.levels.length === 0) return 'noLevels';
  if (!Number.isInteger(slide.tileSize) || slide.tileSize < 1) return 'badTileSize';
  const valid = slide.levels.every(
    (level, k) => level.downsample === 2 ** k && Number.isInteger(level.width) && Number.isInteger(level.height) && level.width >= 1 && level.height >= 1,
  );
  return valid ? null : 'badLevels';
}
