/**
 * A CT unit's image: the series (read-only) at the unit's slice (the first for a whole-item unit),
 * with each reader's answer there as a legend in the reader's colour. The wheel may browse; a
 * newly selected unit brings its slice back.
 */
import { useState } from 'react';
import type { AdjudicationUnit } from '../../core/api';
import type { SliceRef } from '../../core/item';
import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { LazySeriesViewer } from '../../viewer/LazySeriesViewer';
import { useFileLoader } from '../item/useFileLoader';
import type { ReaderWork } from '../review/item/readerWork';
import { answerText, sliceNumberOf } from './unitText';

export interface UnitSlicePaneProps {
  readonly itemId: string;
  readonly slices: readonly SliceRef[];
  readonly targetIds: readonly string[];
  readonly unit: AdjudicationUnit;
  readonly question: Question | undefined;
  readonly work: readonly ReaderWork[];
}

export function UnitSlicePane({ itemId, slices, targetIds, unit, question, work }: UnitSlicePaneProps) {
  const t = useT();
  const [language] = useLanguage();
  const loadFile = useFileLoader(itemId, slices[0]?.fileId);
  const unitIndex = (sliceNumberOf(unit.targetKey, targetIds) ?? 1) - 1;
  // The slice the lead browsed to, for the unit they browsed on; another unit starts at its own slice.
  const [browsed, setBrowsed] = useState<{ readonly unit: AdjudicationUnit; readonly index: number } | null>(null);
  const index = browsed?.unit === unit ? browsed.index : unitIndex;
  const colorOf = new Map(work.map((w) => [w.reader.annotatorId, w] as const));
  const overlay = (
    <div className="viewer-overlay-label" data-testid="adjudication-legend" data-slice-index={unitIndex}>
      {unit.answers.map((answer) => {
        const reader = colorOf.get(answer.readerId);
        return (
          <span key={answer.readerId} className="adjudication-legend-reader" data-testid={`adjudication-legend-${answer.readerId}`}>
            <span className="adjudication-swatch" style={{ background: reader?.color }} aria-hidden="true" />
            {t('adjudication.legend', { number: reader?.number ?? '?', answer: answerText(answer.value, question, language, t) })}
          </span>
        );
      })}
    </div>
  );
  return (
    <>
      <LazySeriesViewer slices={slices} loadFile={loadFile} index={index} onIndexChange={(next) => setBrowsed({ unit, index: next })} overlay={overlay} />
      <div className="slice-counter" aria-live="polite">
        {t('slice.position', { n: index + 1, total: slices.length })}
      </div>
    </>
  );
}
