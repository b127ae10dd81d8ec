/**
 * Reads one slice's pixels through the viewer's own image loader (the `mejirushi:` scheme bound to
 * the page's file loader, the same cache), so a model run decodes nothing twice and needs no
 * second copy of a file. The series viewer must be mounted: it binds the series' files.
 */
import { imageLoader } from '@cornerstonejs/core';
import type { SliceRef } from '../../core/item';
import type { DecodedSlice } from '../../inference/seriesInputs';
import { sliceImageId } from './imageIds';

export async function readDecodedSlice(slice: SliceRef): Promise<DecodedSlice> {
  const image = await imageLoader.loadAndCacheImage(sliceImageId(slice));
  const spacing: readonly [number, number] | null = image.columnPixelSpacing > 0 && image.rowPixelSpacing > 0 ? [image.columnPixelSpacing, image.rowPixelSpacing] : null;
  return {
    columns: image.columns,
    rows: image.rows,
    pixels: image.getPixelData(),
    slope: image.slope,
    intercept: image.intercept,
    scaled: image.preScale?.scaled === true,
    spacing,
    color: image.color,
  };
}
