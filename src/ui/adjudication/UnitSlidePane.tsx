/**
 * A slide unit's image: the slide zoomed to the unit (a region: around every reader's outlines of
 * its class, and the lead's drawing once decided; a slide-level answer: the whole slide), each
 * reader's outlines of the unit as a layer in the reader's colour, the consensus drawing in white.
 * A region unit can be drawn anew: from a reader's outlines or from nothing (`RegionEditor`).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Geometry, Shape } from '../../core/annotation';
import type { AdjudicationUnit } from '../../core/api';
import { geometryBounds } from '../../core/bounds';
import { isRegionEdit } from '../../core/consensus';
import type { Item, SlideItem } from '../../core/item';
import type { LabelSet, Question } from '../../core/labelSet';
import { unionBoxes, viewAround } from '../../core/review/regionBoxes';
import { regionUnit } from '../../core/review/regionDifferences';
import { useT } from '../../i18n';
import type { ViewerAdapter } from '../../viewer/adapter';
import { LazySlideViewer, type SlideViewerHandle } from '../../viewer/slide/LazySlideViewer';
import { ReaderOutlines, type ReaderLayer } from '../../viewer/slide/review/ReaderOutlines';
import type { ReaderWork } from '../review/item/readerWork';
import { useSlideTiles } from '../slide/useSlideTiles';
import { draftRecords, unitShapes } from './regionDraft';
import { RegionEditor } from './RegionEditor';

/** The consensus drawing's colour: apart from every reader's and visible over any stain. */
const CONSENSUS_COLOR = '#ffffff';

/** A draft being edited: the reader whose outlines it started from (null: drawn anew), and its first records. */
export interface DraftStart {
  readonly from: string | null;
  readonly initial: readonly Shape[];
}

export interface UnitSlidePaneProps {
  readonly item: Item;
  readonly slide: SlideItem;
  readonly labelSet: LabelSet;
  readonly unit: AdjudicationUnit;
  readonly question: Question | undefined;
  readonly work: readonly ReaderWork[];
  readonly userId: string;
  readonly busy: boolean;
  readonly draft: DraftStart | null;
  readonly onDraft: (draft: DraftStart | null) => void;
  readonly onSave: (geometries: Geometry[], from: string | null) => void;
}

export function UnitSlidePane({ item, slide, labelSet, unit, question, work, userId, busy, draft, onDraft, onSave }: UnitSlidePaneProps) {
  const t = useT();
  const loadTile = useSlideTiles(item.id, slide.tileVersion);
  const [viewer, setViewer] = useState<SlideViewerHandle | null>(null);
  const region = useMemo(() => (question?.target === 'region' ? regionUnit(unit.targetKey) : null), [question, unit.targetKey]);
  const decision = unit.settled ? unit.decision?.decision : undefined;
  const consensus = useMemo(() => (decision && isRegionEdit(decision) ? decision.edit.geometries : []), [decision]);
  const readerShapes = useMemo(() => work.map((reader) => ({ reader, shapes: region ? unitShapes(reader.records, unit) : [] })), [work, region, unit]);
  const layers = useMemo<ReaderLayer[]>(
    () => [...readerShapes.map(({ reader, shapes }) => ({ color: reader.color, geometries: shapes.map((s) => s.geometry) })), { color: CONSENSUS_COLOR, geometries: draft ? [] : consensus }],
    [readerShapes, consensus, draft],
  );
  const focus = useMemo(() => unionBoxes([...readerShapes.flatMap(({ shapes }) => shapes.map((s) => geometryBounds(s.geometry))), ...consensus.map(geometryBounds)]), [readerShapes, consensus]);

  const unitKey = `${unit.questionId}/${unit.targetKey}`;
  useEffect(() => {
    if (!viewer) return;
    if (focus) viewer.controls.fitImageBox(viewAround(focus));
    else viewer.controls.home();
    // On another unit, or when the readers' outlines arrive; not when a decision redraws this unit (`focus` left out).
  }, [viewer, unitKey, work]);

  const unitQuestion = useMemo(() => (question && region ? { ...question, classes: question.classes.filter((c) => c.code === region.classCode) } : null), [question, region]);
  /** A draft of the unit from `from`'s outlines (null: none), the lead's own records from the start. */
  const start = (from: string | null) => {
    const at = new Date().toISOString();
    const shapes = readerShapes.find(({ reader }) => reader.reader.annotatorId === from)?.shapes ?? [];
    onDraft({ from, initial: draftRecords(unit, shapes, { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [userId] }) });
  };
  const extent = useMemo(() => ({ width: slide.levels[0]?.width ?? 1, height: slide.levels[0]?.height ?? 1 }), [slide]);
  const cancel = useCallback(() => onDraft(null), [onDraft]);
  const save = useCallback((geometries: Geometry[]) => onSave(geometries, draft?.from ?? null), [onSave, draft]);

  const renderOverlay = useCallback(
    (adapter: ViewerAdapter) => (
      <>
        <ReaderOutlines adapter={adapter} layers={layers} focus={null} />
        {draft && unitQuestion && region && (
          <RegionEditor adapter={adapter} item={item} labelSet={labelSet} question={unitQuestion} unit={unit} targetId={region.targetId} extent={extent} userId={userId} initial={draft.initial} busy={busy} onSave={save} onCancel={cancel} />
        )}
      </>
    ),
    [layers, draft, unitQuestion, region, item, labelSet, unit, extent, userId, busy, save, cancel],
  );

  return (
    <div className="adjudication-slide viewer-pane" data-testid="adjudication-slide" data-unit={unit.targetKey} data-consensus={consensus.length} data-editing={draft ? 'true' : 'false'}>
      <LazySlideViewer itemId={item.id} slide={slide} loadTile={loadTile} renderOverlay={renderOverlay} onHandle={setViewer} />
      {region && !draft && (
        <div className="adjudication-draft-start" role="group" aria-label={t('adjudication.image')}>
          {work.map((reader) => (
            <button key={reader.reader.annotatorId} type="button" data-testid={`adjudication-start-from-${reader.reader.annotatorId}`} disabled={busy} onClick={() => start(reader.reader.annotatorId)}>
              <span className="adjudication-swatch" style={{ background: reader.color }} aria-hidden="true" />
              {t('adjudication.draft.fromReader', { number: reader.number })}
            </button>
          ))}
          <button type="button" data-testid="adjudication-draw-new" disabled={busy} onClick={() => start(null)}>
            {t('adjudication.draft.new')}
          </button>
        </div>
      )}
    </div>
  );
}
