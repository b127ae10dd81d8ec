import { metaData } from '@cornerstonejs/core';
import { metadataNumber, metadataVector, type SliceMetadata } from './sliceContext';

/** What the corners show of one loaded slice, from Cornerstone's metadata modules (no patient module is read). */
export function readSliceMetadata(imageId: string): SliceMetadata {
  const plane = (metaData.get('imagePlaneModule', imageId) ?? {}) as Record<string, unknown>;
  const series = (metaData.get('generalSeriesModule', imageId) ?? {}) as Record<string, unknown>;
  const description = typeof series.seriesDescription === 'string' ? series.seriesDescription.trim() : '';
  return {
    seriesDescription: description || null,
    imagePositionPatient: metadataVector(plane.imagePositionPatient, 3),
    imageOrientationPatient: metadataVector(plane.imageOrientationPatient, 6),
    sliceLocation: metadataNumber(plane.sliceLocation),
    sliceThickness: metadataNumber(plane.sliceThickness),
  };
}
