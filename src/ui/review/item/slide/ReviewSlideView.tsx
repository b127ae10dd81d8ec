/**
 * The reviewer's screen of a slide: the slide (read-only) with each reader's outlines as a layer
 * in the reader's colour, the regions where handed-in readers differ (N / P or a click zooms to
 * the readers' outlines there), each reader's slide-level answer, and the decision on the chosen
 * reader (A approves; R returns with a comment pinned to the selected region, else to the view, or
 * with M to a point clicked on the slide). Point-pinned threads are drawn as pins.
 */
import { useCallback, useMemo, useState } from 'react';
import type { CommentAnchor, CommentThread } from '../../../../core/api';
import type { Box } from '../../../../core/bounds';
import type { SlideItem } from '../../../../core/item';
import { isLabelQuestion } from '../../../../core/labelSet';
import { stepDiffering } from '../../../../core/review/differingSlices';
import { anchorBox, boxPolygon, clampBox, viewAround } from '../../../../core/review/regionBoxes';
import { regionDifferences } from '../../../../core/review/regionDifferences';
import { imageTargetsOf } from '../../../../core/targets';
import { useLanguage, useT } from '../../../../i18n';
import { LazySlideViewer, type SlideViewerHandle } from '../../../../viewer/slide/LazySlideViewer';
import { ReaderOutlines, type ReaderLayer } from '../../../../viewer/slide/review/ReaderOutlines';
import type { ViewerAdapter } from '../../../../viewer/adapter';
import { useSlideTiles } from '../../../slide/useSlideTiles';
import { anchorWords } from '../anchorWords';
import { ReviewPinLayer } from '../ReviewPinLayer';
import { ReviewScreen } from '../ReviewScreen';
import { ReviewSidePanel } from '../ReviewSidePanel';
import type { ReviewItemData } from '../useReviewItem';
import { usePointPin } from '../usePointPin';
import { useReviewKeys, type ReviewKey } from '../useReviewKeys';
import { useReviewSession } from '../useReviewSession';
import { SlideAnswers, SlideDifferences } from './SlideDifferences';

export function ReviewSlideView({ data, slide }: { readonly data: ReviewItemData; readonly slide: SlideItem }) {
  const t = useT();
  const [language] = useLanguage();
  const { detail, review, targetIds, work } = data;
  const itemId = detail.item.id;
  const session = useReviewSession(itemId, work);
  const loadTile = useSlideTiles(itemId, slide.tileVersion);
  const [viewer, setViewer] = useState<SlideViewerHandle | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  const image = useMemo(() => ({ width: slide.levels[0]?.width ?? 0, height: slide.levels[0]?.height ?? 0 }), [slide]);
  const images = useMemo(() => imageTargetsOf(detail.item), [detail.item]);
  const pin = usePointPin(images, session.returning, session.threads);
  const regionQuestion = detail.labelSet.questions.find((q) => q.target === 'region') ?? null;
  const slideQuestion = detail.labelSet.questions.find((q) => q.target === 'slide' && isLabelQuestion(q)) ?? null;
  const differences = useMemo(() => {
    const records = new Map(work.map((w) => [w.reader.annotatorId, w.records] as const));
    return regionDifferences(review.differences, (readerId) => records.get(readerId) ?? []);
  }, [review.differences, work]);
  const focus = selected === null ? null : (differences[selected]?.bounds ?? null);

  const layers = useMemo<ReaderLayer[]>(
    () =>
      session.layers.map((w) => ({
        color: w.color,
        geometries: w.records.flatMap((record) => (record.type === 'shape' && record.targetId === itemId && record.questionId === regionQuestion?.id ? [record.geometry] : [])),
      })),
    [session.layers, itemId, regionQuestion],
  );
  const renderOverlay = useCallback(
    (adapter: ViewerAdapter) => (
      <>
        <ReaderOutlines adapter={adapter} layers={layers} focus={focus} />
        <ReviewPinLayer adapter={adapter} pin={pin} />
      </>
    ),
    [layers, focus, pin],
  );

  const zoomTo = (box: Box | null) => (box ? viewer?.controls.fitImageBox(viewAround(box)) : viewer?.controls.home());
  const select = (index: number) => {
    setSelected(index);
    zoomTo(differences[index]?.bounds ?? null);
  };
  const onJump = (_index: number, thread: CommentThread) => zoomTo(anchorBox(thread.anchor));

  /** The point clicked, else the selected region, else what is on screen, cut to the slide: what a return's comment is pinned to. */
  const pinned = (): CommentAnchor => {
    if (pin.anchor) return pin.anchor;
    const box = clampBox(focus ?? viewer?.adapter.visibleImageBox() ?? { minX: 0, minY: 0, maxX: image.width, maxY: image.height }, image);
    return box ? { kind: 'region', targetId: itemId, polygon: boxPolygon(box) } : { kind: 'target', targetId: itemId };
  };
  const sendReturn = () => session.comment.trim() !== '' && void session.decide('return', pinned());

  const onKey = (key: ReviewKey) => {
    if (key === 'approve') return void session.decide('approve', { kind: 'item' });
    if (key === 'return') return session.startReturn();
    if (key === 'pin') return pin.toggle();
    const to = stepDiffering(
      differences.map((_, index) => index),
      selected ?? -1,
      key === 'nextDifference' ? 1 : -1,
    );
    if (to !== null) select(to);
  };
  useReviewKeys(!session.busy, onKey);

  const focusName = selected === null ? null : (regionQuestion?.classes.find((c) => c.code === differences[selected]?.classCode)?.name[language] ?? differences[selected]?.classCode);
  return (
    <ReviewScreen itemId={itemId} title={detail.item.title} annotatorId={session.annotatorId}>
      <div className="workspace slide-workspace" data-testid="review-slide" data-selected={selected === null ? '' : differences[selected]?.targetKey}>
        <div className="workspace-body">
          <section className="viewer-pane" aria-label={t('slide.workspace.viewer')}>
            <LazySlideViewer itemId={itemId} slide={slide} loadTile={loadTile} renderOverlay={renderOverlay} onHandle={setViewer} />
          </section>
          <ReviewSidePanel
            work={work}
            session={session}
            pin={pin}
            pinnedTo={pin.anchor ? anchorWords(pin.anchor, targetIds, 'slide', t) : focusName ? t('reviewSlide.pinnedRegion', { name: focusName }) : t('reviewSlide.pinnedView')}
            targetIds={targetIds}
            unit="slide"
            onJump={onJump}
            jumpLabel={() => t('reviewSlide.show')}
            onSendReturn={sendReturn}
          >
            {slideQuestion && <SlideAnswers question={slideQuestion} work={session.layers} differs={review.differences.some((d) => d.questionId === slideQuestion.id && d.targetKey === itemId)} />}
            <SlideDifferences differences={differences} selected={selected} work={work} classes={regionQuestion?.classes ?? []} micronsPerPixel={slide.micronsPerPixel} onSelect={select} />
          </ReviewSidePanel>
        </div>
      </div>
    </ReviewScreen>
  );
}
