/**
 * Turns the parsed instances of one DICOM series into a SeriesItem: slices ordered by patient
 * position along the slice normal (never by file name or instance number alone), multi-frame
 * instances expanded into one slice per frame.
 */
import type { SeriesItem, SliceRef, Vec3 } from '../../src/core/item';
import { orderSlices } from '../../src/core/seriesOrder';
import type { DicomInstanceMeta } from '../dicom/parse';

export interface SeriesInstance {
  /** Server file holding the instance's bytes. */
  readonly fileId: string;
  readonly meta: DicomInstanceMeta;
}

/**
 * The content of one series item. The result does not depend on the order of `instances`.
 * An instance whose SOPInstanceUID repeats is the same image again and is kept once (the one with
 * the smallest fileId), so target ids stay unique.
 */
export function buildSeriesContent(instances: readonly SeriesInstance[]): SeriesItem {
  const unique = uniqueBySopInstance(instances);
  const first = unique[0];
  if (!first) throw new Error('buildSeriesContent needs at least one instance');
  const seriesUids = new Set(unique.map((instance) => instance.meta.seriesInstanceUid));
  if (seriesUids.size > 1) throw new Error(`instances of ${seriesUids.size} series given to buildSeriesContent; one item holds one series`);

  const orientation = unique.find((instance) => instance.meta.imageOrientation)?.meta.imageOrientation ?? null;
  const ordered = orderSlices(
    unique.map((instance) => ({
      instance,
      // A multi-frame instance's own position says nothing about its frames; order it by number.
      position: instance.meta.numberOfFrames > 1 ? null : instance.meta.imagePosition,
      instanceNumber: instance.meta.instanceNumber,
    })),
    orientation,
  );

  return {
    kind: 'series',
    modality: first.meta.modality,
    studyInstanceUid: first.meta.studyInstanceUid,
    seriesInstanceUid: first.meta.seriesInstanceUid,
    seriesDescription: first.meta.seriesDescription,
    orientation,
    slices: ordered.flatMap(({ instance, position }) => slicesOf(instance, position)),
    rows: first.meta.rows,
    columns: first.meta.columns,
    pixelSpacing: unique.find((instance) => instance.meta.pixelSpacing)?.meta.pixelSpacing ?? null,
  };
}

function uniqueBySopInstance(instances: readonly SeriesInstance[]): SeriesInstance[] {
  const byUid = new Map<string, SeriesInstance>();
  for (const instance of [...instances].sort((a, b) => compareText(a.fileId, b.fileId))) {
    if (!byUid.has(instance.meta.sopInstanceUid)) byUid.set(instance.meta.sopInstanceUid, instance);
  }
  // A fixed starting order, so ties in position and number resolve the same way every time.
  return [...byUid.values()].sort((a, b) => compareText(a.meta.sopInstanceUid, b.meta.sopInstanceUid));
}

function slicesOf({ fileId, meta }: SeriesInstance, position: Vec3 | null): SliceRef[] {
  const base = { fileId, sopInstanceUid: meta.sopInstanceUid, instanceNumber: meta.instanceNumber, position };
  if (meta.numberOfFrames <= 1) return [{ ...base, targetId: meta.sopInstanceUid }];
  return Array.from({ length: meta.numberOfFrames }, (_, i) => ({
    ...base,
    targetId: `${meta.sopInstanceUid}#${i + 1}`,
    frame: i + 1,
  }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
