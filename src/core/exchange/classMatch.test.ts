import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { classMatcher, matchClasses } from './classMatch';

const lesion = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!;

describe('class names of a file matched to the region classes', () => {
  it('matches by English or Japanese name, code or the code’s last part, ignoring case, spaces and full-width forms', () => {
    const match = classMatcher(lesion);
    expect(['Carcinoma', ' carcinoma ', 'CARCINOMA', '癌', 'lesion.carcinoma', 'ｃａｒｃｉｎｏｍａ'].map(match)).toEqual(Array(6).fill('lesion.carcinoma'));
    expect(['Other lesion', 'other  LESION', 'その他の病変', 'other'].map(match)).toEqual(Array(4).fill('lesion.other'));
    expect(match('腺腫')).toBe('lesion.adenoma');
  });

  it('leaves unknown names and unclassified objects unmatched, with their counts, for the user to map', () => {
    expect(
      matchClasses(lesion, [
        { name: 'Adenoma', count: 7 },
        { name: 'Tumor', count: 3 },
        { name: null, count: 2 },
      ]),
    ).toEqual([
      { name: 'Adenoma', count: 7, code: 'lesion.adenoma' },
      { name: 'Tumor', count: 3, code: null },
      { name: null, count: 2, code: null },
    ]);
  });
});
