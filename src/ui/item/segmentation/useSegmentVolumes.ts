import { useEffect, useMemo, useRef, useState } from 'react';
import { isLive, type AnnotationRecord, type Mask } from '../../../core/annotation';
import type { SliceRef } from '../../../core/item';
import type { Question } from '../../../core/labelSet';
import { VolumeStats, slicePartial, type SegmentStats, type VoxelSize } from '../../../core/masks/volumeStats';
import type { RecordStore } from '../../../core/recordStore';
import { huView, type ReadSlice } from '../../../inference/seriesInputs';

/** A segment's figures, or `pending` while a changed slice's pixels are being read. */
export interface SegmentFigures {
  readonly stats: SegmentStats;
  readonly pending: boolean;
}

/**
 * Live volume (ml) and mean HU of each segment of the mask question. The records are looked over
 * once when the series is up; after that only each applied diff's records are (the store's
 * `watch`), so a stroke or a slice label costs O(diff), not O(document). Each mask record whose
 * runs changed costs one read of its own slice (from the viewer's image cache) and O(its set
 * pixels); the totals move by that slice's difference (core/masks/volumeStats.ts).
 */
export function useSegmentVolumes(
  document: RecordStore | null,
  question: Question | null,
  slices: readonly SliceRef[],
  readSlice: ReadSlice,
  voxel: VoxelSize | null,
  /** The series viewer is up (it binds the files `readSlice` reads): nothing is read before. */
  ready: boolean,
): ReadonlyMap<string, SegmentFigures> {
  const stats = useMemo(() => new VolumeStats(), []);
  /** The runs each mask record was last measured with (by record id). */
  const seen = useRef(new Map<string, Mask>());
  const pending = useRef(new Set<string>());
  const [version, setVersion] = useState(0);
  const byTarget = useMemo(() => new Map(slices.map((slice) => [slice.targetId, slice])), [slices]);

  useEffect(() => {
    if (!document || !question || !ready) return;
    const measure = (record: Mask): void => {
      if (seen.current.get(record.id)?.runs === record.runs) return;
      seen.current.set(record.id, record);
      const slice = byTarget.get(record.targetId);
      if (!slice) return;
      pending.current.add(record.id);
      void readSlice(slice).then(
        (decoded) => {
          // A newer version of the record may have been measured meanwhile: only the latest counts.
          if (seen.current.get(record.id)?.runs !== record.runs) return;
          stats.set(record.classCode, record.targetId, slicePartial(record.runs, huView(decoded)));
          pending.current.delete(record.id);
          setVersion((n) => n + 1);
        },
        () => {
          // Unread (the viewer went away meanwhile): forgotten, so the next look reads it again.
          if (seen.current.get(record.id)?.runs === record.runs) seen.current.delete(record.id);
          pending.current.delete(record.id);
          setVersion((n) => n + 1);
        },
      );
    };
    const forget = (id: string): void => {
      const record = seen.current.get(id);
      if (!record) return;
      seen.current.delete(id);
      pending.current.delete(id);
      stats.set(record.classCode, record.targetId, null);
    };
    const isSegmentMask = (record: AnnotationRecord | null): record is Mask => record?.type === 'mask' && record.questionId === question.id && isLive(record);

    const live = new Set<string>();
    for (const record of document.records()) {
      if (!isSegmentMask(record)) continue;
      live.add(record.id);
      measure(record);
    }
    for (const id of [...seen.current.keys()]) if (!live.has(id)) forget(id);
    setVersion((n) => n + 1);
    return document.watch((diff) => {
      for (const [id, [, after]] of Object.entries(diff)) {
        if (isSegmentMask(after)) measure(after);
        else forget(id);
      }
      setVersion((n) => n + 1);
    });
  }, [document, question, byTarget, readSlice, stats, ready]);

  return useMemo(() => {
    const figures = new Map<string, SegmentFigures>();
    if (!question || !voxel) return figures;
    const waiting = new Set([...pending.current].map((id) => seen.current.get(id)?.classCode));
    for (const c of question.classes) figures.set(c.code, { stats: stats.stats(c.code, voxel), pending: waiting.has(c.code) });
    return figures;
    // `version` says when the stats moved.
  }, [question, voxel, stats, version]);
}
