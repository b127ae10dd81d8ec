import type { LabelClass } from '../../../core/labelSet';
import { useT } from '../../../i18n';

/** Schemes offered for a class's standard code (the editor's one list); any other may be typed. */
export const SCHEMES_LIST_ID = 'label-set-schemes';
export const SCHEMES = ['SCT', 'RADLEX', 'LOINC', 'ICD-10'] as const;

/** A class's coding from its three fields: none while all are empty, else what was typed (the validator names what is missing). */
function coding(scheme: string, code: string, meaning: string): Pick<LabelClass, 'coding'> {
  return scheme === '' && code === '' && meaning === '' ? {} : { coding: { scheme, code, meaning } };
}

/** One class of a question as a row of fields: code, names, colour, key, standard code; move and remove. */
export function ClassEditor({
  value,
  index,
  questionNumber,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  readonly value: LabelClass;
  readonly index: number;
  readonly questionNumber: number;
  readonly count: number;
  readonly onChange: (next: LabelClass) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
}) {
  const t = useT();
  const { key: _key, coding: _coding, ...rest } = value;
  const withKey = (key: string): LabelClass => ({ ...rest, ...(value.coding ? { coding: value.coding } : {}), ...(key === '' ? {} : { key }) });
  const withCoding = (scheme: string, code: string, meaning: string): LabelClass => ({ ...rest, ...(value.key === undefined ? {} : { key: value.key }), ...coding(scheme, code, meaning) });
  const c = value.coding ?? { scheme: '', code: '', meaning: '' };
  const testId = `class-${questionNumber}-${index + 1}`;
  return (
    <tr data-testid={testId} aria-label={t('labelSets.class.row', { n: index + 1, question: questionNumber })}>
      <td>
        <input aria-label={t('labelSets.class.code')} data-testid={`${testId}-code`} value={value.code} size={12} onChange={(e) => onChange({ ...value, code: e.target.value })} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.nameEn')} data-testid={`${testId}-en`} value={value.name.en} onChange={(e) => onChange({ ...value, name: { ...value.name, en: e.target.value } })} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.nameJa')} data-testid={`${testId}-ja`} value={value.name.ja} onChange={(e) => onChange({ ...value, name: { ...value.name, ja: e.target.value } })} />
      </td>
      <td>
        <input type="color" aria-label={t('labelSets.class.color')} value={value.color} onChange={(e) => onChange({ ...value, color: e.target.value })} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.key')} data-testid={`${testId}-key`} value={value.key ?? ''} size={2} maxLength={2} onChange={(e) => onChange(withKey(e.target.value))} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.scheme')} list={SCHEMES_LIST_ID} value={c.scheme} size={7} onChange={(e) => onChange(withCoding(e.target.value, c.code, c.meaning))} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.standardCode')} value={c.code} size={10} onChange={(e) => onChange(withCoding(c.scheme, e.target.value, c.meaning))} />
      </td>
      <td>
        <input aria-label={t('labelSets.class.meaning')} value={c.meaning} onChange={(e) => onChange(withCoding(c.scheme, c.code, e.target.value))} />
      </td>
      <td className="row-actions">
        <button type="button" className="link-button" aria-label={t('labelSets.class.up')} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="link-button" aria-label={t('labelSets.class.down')} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="link-button" aria-label={t('labelSets.class.remove')} disabled={count === 1} onClick={onRemove}>
          ✕
        </button>
      </td>
    </tr>
  );
}
