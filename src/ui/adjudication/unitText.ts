/** How the adjudication screen names a unit's place and a reader's answer, from the label set. */
import type { ReadingValue } from '../../core/agreement';
import type { ItemKind } from '../../core/item';
import type { LabelSet, Question } from '../../core/labelSet';
import type { Language } from '../../i18n/types';

export type Translate = (key: 'adjudication.slice' | 'adjudication.slide' | 'adjudication.wholeItem' | 'adjudication.region' | 'adjudication.noAnswer' | 'adjudication.drawn' | 'adjudication.notDrawn', vars?: Record<string, string | number>) => string;

export function questionOf(labelSet: LabelSet, questionId: string): Question | undefined {
  return labelSet.questions.find((q) => q.id === questionId);
}

/** A class's name in `language`, or its code when the question does not know it. */
export function className(question: Question | undefined, code: string, language: Language): string {
  return question?.classes.find((c) => c.code === code)?.name[language] ?? code;
}

/**
 * "Slice 3" (1-based, in the item's order), "Whole item", or "Region <class> on Slice 3". A slide's
 * one target is the slide itself, so its places are "the slide", never a slice number.
 */
export function placeText(targetKey: string, targetIds: readonly string[], question: Question | undefined, language: Language, t: Translate, kind: ItemKind): string {
  const target = (id: string): string => {
    if (kind === 'slide') return t('adjudication.slide');
    const index = targetIds.indexOf(id);
    return index < 0 ? t('adjudication.wholeItem') : t('adjudication.slice', { number: index + 1 });
  };
  if (question?.target === 'region') {
    const cut = targetKey.lastIndexOf('/');
    return t('adjudication.region', { class: className(question, targetKey.slice(cut + 1), language), place: target(targetKey.slice(0, cut)) });
  }
  return target(targetKey);
}

/** One reader's answer on a unit, in words. */
export function answerText(value: ReadingValue | null, question: Question | undefined, language: Language, t: Translate): string {
  if (value === null) return t('adjudication.noAnswer');
  switch (value.kind) {
    case 'class':
      return className(question, value.code, language);
    case 'classes':
      return value.codes.map((code) => className(question, code, language)).join(', ');
    case 'grade':
      return question?.classes[value.grade]?.name[language] ?? String(value.grade);
    case 'empty':
      return t('adjudication.notDrawn');
    case 'mask':
    case 'outline':
      return t('adjudication.drawn');
  }
}

/** The 1-based slice number of a unit, for sorting and the viewer; null for whole-item units. */
export function sliceNumberOf(targetKey: string, targetIds: readonly string[]): number | null {
  const index = targetIds.indexOf(targetKey.split('/')[0]!);
  return index < 0 ? null : index + 1;
}
