/** The selected outline's class, area (µm² from the slide's µm per pixel) and vertex count. */
import type { Shape } from '../../../core/annotation';
import type { Question } from '../../../core/labelSet';
import type { RecordStore } from '../../../core/recordStore';
import { useLanguage, useT } from '../../../i18n';
import { areaText, vertexCount } from './selectionFacts';

export function SelectionPanel({
  store,
  changes,
  selection,
  question,
  micronsPerPixel,
  area,
}: {
  readonly store: RecordStore;
  /** The document's change count: the panel reads the record again when it moves. */
  readonly changes: number;
  readonly selection: ReadonlySet<string>;
  readonly question: Question;
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly area?: (shape: Shape) => number;
}) {
  const t = useT();
  const [language] = useLanguage();
  const [only] = selection;
  const record = selection.size === 1 && only !== undefined ? store.get(only) : undefined;
  const shape = record?.type === 'shape' ? record : null;
  let body;
  if (selection.size > 1) body = <p>{t('annotation.selected.many', { count: selection.size })}</p>;
  else if (!shape) body = <p className="muted">{t('annotation.selected.none')}</p>;
  else {
    const labelClass = question.classes.find((c) => c.code === shape.classCode);
    const vertices = vertexCount(shape.geometry);
    const measured = area ? areaText(area(shape), micronsPerPixel) : null;
    body = (
      <dl data-testid="annotation-selected" data-changes={changes}>
        <dt>{t('annotation.selected.class')}</dt>
        <dd data-testid="annotation-selected-class">
          {labelClass ? labelClass.name[language] : t('annotation.class.unknown', { code: shape.classCode })}
        </dd>
        {measured && (
          <>
            <dt>{t('annotation.selected.area')}</dt>
            <dd data-testid="annotation-selected-area">
              {t(measured.unit === 'um2' ? 'annotation.area.um2' : measured.unit === 'mm2' ? 'annotation.area.mm2' : 'annotation.area.px2', { value: measured.value })}
            </dd>
          </>
        )}
        {vertices !== null && (
          <>
            <dt>{t('annotation.selected.vertices')}</dt>
            <dd data-testid="annotation-selected-vertices">{vertices}</dd>
          </>
        )}
      </dl>
    );
  }
  return (
    <section className="slide-annotation-selection" aria-label={t('annotation.selected.label')}>
      <h3>{t('annotation.selected.label')}</h3>
      {body}
    </section>
  );
}
