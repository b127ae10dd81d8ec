import type { LabelSet } from '../labelSet';

/**
 * Label sets shipped with Mejirushi. Codings are SNOMED CT where the code is certain; classes
 * without a confidently known standard code carry none rather than a guess.
 */

const SNOMED = 'SCT';

/** Per-slice SAH reading for head CT: one key per slice, series answer by priority. */
export const SAH_SLICE_LABEL_SET: LabelSet = {
  id: 'sah-slice',
  version: 1,
  name: { en: 'Subarachnoid haemorrhage per slice', ja: 'スライス毎のくも膜下出血' },
  questions: [
    {
      id: 'sah',
      name: { en: 'Subarachnoid haemorrhage per slice', ja: 'スライス毎のくも膜下出血' },
      target: 'slice',
      kind: 'single',
      required: true,
      classes: [
        {
          code: 'sah.present',
          name: { en: 'SAH present', ja: 'くも膜下出血あり' },
          color: '#d62728',
          key: '1',
          coding: { scheme: SNOMED, code: '21454007', meaning: 'Subarachnoid intracranial hemorrhage' },
        },
        { code: 'sah.absent', name: { en: 'SAH absent', ja: 'くも膜下出血なし' }, color: '#2ca02c', key: '2' },
        { code: 'sah.uncertain', name: { en: 'Uncertain', ja: '判定保留' }, color: '#ffbf00', key: '3' },
      ],
      itemAnswer: { kind: 'priority', priority: ['sah.present', 'sah.uncertain', 'sah.absent'] },
    },
  ],
};

/** Intracranial haemorrhage subtypes per slice; a slice may show several at once. */
export const ICH_SUBTYPE_LABEL_SET: LabelSet = {
  id: 'ich-subtype',
  version: 1,
  name: { en: 'Intracranial haemorrhage subtypes', ja: '頭蓋内出血の病型' },
  questions: [
    {
      id: 'ich',
      name: { en: 'Intracranial haemorrhage subtypes', ja: '頭蓋内出血の病型' },
      target: 'slice',
      kind: 'multiple',
      required: true,
      classes: [
        // Without a "none" class a slice free of bleeding could never count as read.
        { code: 'ich.none', name: { en: 'No haemorrhage', ja: '出血なし' }, color: '#2ca02c', key: '0' },
        { code: 'ich.epidural', name: { en: 'Epidural', ja: '硬膜外血腫' }, color: '#1f77b4', key: '1' },
        {
          code: 'ich.subdural',
          name: { en: 'Subdural', ja: '硬膜下血腫' },
          color: '#ff7f0e',
          key: '2',
          coding: { scheme: SNOMED, code: '35486000', meaning: 'Subdural intracranial hemorrhage' },
        },
        {
          code: 'ich.subarachnoid',
          name: { en: 'Subarachnoid', ja: 'くも膜下出血' },
          color: '#d62728',
          key: '3',
          coding: { scheme: SNOMED, code: '21454007', meaning: 'Subarachnoid intracranial hemorrhage' },
        },
        { code: 'ich.intraparenchymal', name: { en: 'Intraparenchymal', ja: '脳実質内出血' }, color: '#9467bd', key: '4' },
        { code: 'ich.intraventricular', name: { en: 'Intraventricular', ja: '脳室内出血' }, color: '#8c564b', key: '5' },
      ],
    },
  ],
};

export const BUILTIN_LABEL_SETS: readonly LabelSet[] = [SAH_SLICE_LABEL_SET, ICH_SUBTYPE_LABEL_SET];
