/** A label set with several questions for server tests: slice labels, a series answer and lesion outlines. */
import type { LabelSet } from '../../src/core/labelSet';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';

const sah = SAH_SLICE_LABEL_SET.questions[0];
if (!sah) throw new Error('the SAH label set has no question');

export const MULTI_QUESTION_LABEL_SET: LabelSet = {
  id: 'test-multi',
  version: 1,
  name: { en: 'Slices, quality and lesions', ja: 'スライス・画質・病変' },
  questions: [
    sah,
    {
      id: 'quality',
      name: { en: 'Image quality', ja: '画質' },
      target: 'series',
      kind: 'single',
      required: false,
      classes: [
        { code: 'quality.good', name: { en: 'Good', ja: '良' }, color: '#2ca02c' },
        { code: 'quality.poor', name: { en: 'Poor', ja: '不良' }, color: '#d62728' },
      ],
    },
    {
      id: 'lesion',
      name: { en: 'Lesion outline', ja: '病変の輪郭' },
      target: 'region',
      kind: 'single',
      required: false,
      classes: [{ code: 'lesion.bleed', name: { en: 'Bleed', ja: '出血' }, color: '#d62728' }],
    },
  ],
};
