/**
 * The regions a slide's readers differ on (class, each reader's area; a click zooms the viewer to
 * the readers' outlines there) and the slide-level answer (Group) of each reader, marked when
 * they differ.
 */
import type { LabelClass, Question } from '../../../../core/labelSet';
import type { RegionDifference } from '../../../../core/review/regionDifferences';
import { useLanguage, useT } from '../../../../i18n';
import { areaText } from '../../../../viewer/slide/annotation/selectionFacts';
import type { ReaderWork } from '../readerWork';

const AREA_KEYS = { um2: 'annotation.area.um2', mm2: 'annotation.area.mm2', px2: 'annotation.area.px2' } as const;

/** `a/b` as a test id part: '/' is not kept in ids. */
export const differenceTestId = (targetKey: string) => `review-difference-${targetKey.replaceAll('/', '-')}`;

export function SlideDifferences({
  differences,
  selected,
  work,
  classes,
  micronsPerPixel,
  onSelect,
}: {
  readonly differences: readonly RegionDifference[];
  readonly selected: number | null;
  readonly work: readonly ReaderWork[];
  /** The region question's classes, to name a difference's class. */
  readonly classes: readonly LabelClass[];
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly onSelect: (index: number) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const numberOf = new Map(work.map((w) => [w.reader.annotatorId, w] as const));
  return (
    <section aria-label={t('reviewSlide.differences')}>
      <h2>{t('reviewSlide.differences')}</h2>
      <p className="muted small" data-testid="review-differences" data-count={differences.length}>
        {differences.length > 0 ? t('reviewSlide.differencesCount', { count: differences.length }) : t('reviewSlide.noDifferences')}
      </p>
      <ul className="review-layers">
        {differences.map((difference, index) => (
          <li key={difference.targetKey}>
            <button type="button" className="review-reader" data-testid={differenceTestId(difference.targetKey)} aria-pressed={index === selected} disabled={!difference.bounds} onClick={() => onSelect(index)}>
              {classes.find((c) => c.code === difference.classCode)?.name[language] ?? difference.classCode}
            </button>
            <ul className="muted small">
              {difference.readers.map(({ readerId, area }) => {
                const reader = numberOf.get(readerId);
                const text = areaText(area, micronsPerPixel);
                return (
                  <li key={readerId}>
                    {reader && <span className="reader-swatch" style={{ background: reader.color }} aria-hidden="true" />}
                    {t('reviewItem.reader', { n: reader?.number ?? 0 })}: {area > 0 ? t(AREA_KEYS[text.unit], { value: text.value }) : t('reviewSlide.noneDrawn')}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Each reader's slide-level answer (cell 0 of their work: the slide is the item's one target). */
export function SlideAnswers({ question, work, differs }: { readonly question: Question; readonly work: readonly ReaderWork[]; readonly differs: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <section aria-label={question.name[language]} data-testid="review-slide-answers" data-differs={differs ? 'true' : 'false'}>
      <h2>
        {question.name[language]}
        {differs && <span className="badge"> {t('reviewSlide.answersDiffer')}</span>}
      </h2>
      <ul className="review-layers">
        {work.map((w) => (
          <li key={w.reader.annotatorId} data-testid={`review-slide-answer-${w.reader.annotatorId}`}>
            <span className="reader-swatch" style={{ background: w.color }} aria-hidden="true" />
            {t('reviewItem.reader', { n: w.number })}: {w.cells[0]?.map((c) => c.name[language]).join(', ') || t('reviewItem.unlabelled')}
          </li>
        ))}
      </ul>
    </section>
  );
}
