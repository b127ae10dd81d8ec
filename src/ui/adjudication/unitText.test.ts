import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import { answerText, placeText, questionOf, sliceNumberOf, type Translate } from './unitText';

const t: Translate = (key, vars) => `${key}${vars ? JSON.stringify(vars) : ''}`;
const sah = questionOf(SAH_SLICE_LABEL_SET, 'sah');
const lesion = questionOf(GASTRIC_BIOPSY_LABEL_SET, 'lesion');

describe('adjudication unit text', () => {
  it('names slices by their 1-based number, whole-item units and regions with their class', () => {
    expect(placeText('s2', ['s1', 's2'], sah, 'en', t, 'series')).toBe('adjudication.slice{"number":2}');
    expect(placeText('item-1', ['s1'], sah, 'en', t, 'series')).toBe('adjudication.wholeItem');
    expect(placeText('slide-1/lesion.carcinoma', ['slide-1'], lesion, 'en', t, 'slide')).toBe('adjudication.region{"class":"Carcinoma","place":"adjudication.slide"}');
    expect(placeText('slide-1', ['slide-1'], questionOf(GASTRIC_BIOPSY_LABEL_SET, 'group'), 'en', t, 'slide')).toBe('adjudication.slide');
    expect(sliceNumberOf('s2/x', ['s1', 's2'])).toBe(2);
    expect(sliceNumberOf('item-1', ['s1'])).toBeNull();
  });

  it('writes answers with the class names of the UI language', () => {
    expect(answerText({ kind: 'class', code: 'sah.present' }, sah, 'en', t)).toBe('SAH present');
    expect(answerText({ kind: 'class', code: 'sah.present' }, sah, 'ja', t)).toBe('くも膜下出血あり');
    expect(answerText(null, sah, 'en', t)).toBe('adjudication.noAnswer');
    expect(answerText({ kind: 'empty' }, lesion, 'en', t)).toBe('adjudication.notDrawn');
    expect(answerText({ kind: 'grade', grade: 1 }, sah, 'en', t)).toBe('SAH absent');
  });
});
