/** The selected unit's image: the series at its slice, or the slide zoomed to it (with the region editor). */
import type { ItemDetail } from '../../core/api';
import { useT } from '../../i18n';
import { UnitSlicePane } from './UnitSlicePane';
import { UnitSlidePane, type UnitSlidePaneProps } from './UnitSlidePane';
import { questionOf } from './unitText';

export interface UnitImagePaneProps extends Pick<UnitSlidePaneProps, 'unit' | 'work' | 'userId' | 'busy' | 'draft' | 'onDraft' | 'onSave'> {
  readonly detail: ItemDetail;
  readonly targetIds: readonly string[];
}

export function UnitImagePane({ detail, targetIds, unit, work, userId, busy, draft, onDraft, onSave }: UnitImagePaneProps) {
  const t = useT();
  const { item, labelSet } = detail;
  const question = questionOf(labelSet, unit.questionId);
  return (
    <section className="adjudication-image viewer-pane" aria-label={t('adjudication.image')} data-testid="adjudication-image" data-kind={item.content.kind}>
      {item.content.kind === 'series' ? (
        <UnitSlicePane itemId={item.id} slices={item.content.slices} targetIds={targetIds} unit={unit} question={question} work={work} />
      ) : item.content.kind === 'slide' ? (
        <UnitSlidePane item={item} slide={item.content} labelSet={labelSet} unit={unit} question={question} work={work} userId={userId} busy={busy} draft={draft} onDraft={onDraft} onSave={onSave} />
      ) : (
        <p className="notice">{t('adjudication.unsupportedImage')}</p>
      )}
    </section>
  );
}
