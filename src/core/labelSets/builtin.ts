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

const grade = (prefix: string, labels: readonly (readonly [string, string])[], colors: readonly string[]): LabelSet['questions'][number]['classes'] =>
  labels.map(([en, ja], i) => ({ code: `${prefix}.${i}`, name: { en, ja }, color: colors[i] ?? '#7f7f7f', key: String(i) }));

/** An ordered scale from green to red, for grades. */
const SCALE = ['#2ca02c', '#bcbd22', '#ff7f0e', '#d62728', '#8c1a1a'];

/** Ulcerative colitis on endoscopy frames: Mayo endoscopic subscore and where the frame was taken. */
export const UC_ENDOSCOPY_LABEL_SET: LabelSet = {
  id: 'uc-endoscopy',
  version: 1,
  name: { en: 'Ulcerative colitis: Mayo subscore and site', ja: '潰瘍性大腸炎：Mayo内視鏡スコアと部位' },
  questions: [
    {
      id: 'mayo',
      name: { en: 'Mayo endoscopic subscore', ja: 'Mayo内視鏡サブスコア' },
      target: 'frame',
      kind: 'grade',
      required: true,
      classes: grade(
        'mayo',
        [
          ['0 normal or inactive', '0 正常または非活動性'],
          ['1 mild', '1 軽度'],
          ['2 moderate', '2 中等度'],
          ['3 severe', '3 高度'],
        ],
        SCALE,
      ),
    },
    {
      id: 'site',
      name: { en: 'Anatomical site', ja: '部位' },
      target: 'frame',
      kind: 'single',
      required: false,
      classes: [
        { code: 'site.rectum', name: { en: 'Rectum', ja: '直腸' }, color: '#1f77b4', key: 'r' },
        { code: 'site.sigmoid', name: { en: 'Sigmoid colon', ja: 'S状結腸' }, color: '#ff7f0e', key: 's' },
        { code: 'site.descending', name: { en: 'Descending colon', ja: '下行結腸' }, color: '#2ca02c', key: 'd' },
        { code: 'site.transverse', name: { en: 'Transverse colon', ja: '横行結腸' }, color: '#9467bd', key: 't' },
        { code: 'site.ascending', name: { en: 'Ascending colon', ja: '上行結腸' }, color: '#8c564b', key: 'a' },
        { code: 'site.cecum', name: { en: 'Caecum', ja: '盲腸' }, color: '#e377c2', key: 'c' },
      ],
    },
  ],
};

/** Fundus photographs: diabetic retinopathy on the international 0–4 scale, and glaucoma. */
export const FUNDUS_GRADING_LABEL_SET: LabelSet = {
  id: 'fundus-grading',
  version: 1,
  name: { en: 'Fundus: diabetic retinopathy and glaucoma', ja: '眼底：糖尿病網膜症と緑内障' },
  questions: [
    {
      id: 'dr',
      name: { en: 'Diabetic retinopathy (international scale)', ja: '糖尿病網膜症（国際重症度分類）' },
      target: 'image',
      kind: 'grade',
      required: true,
      classes: grade(
        'dr',
        [
          ['0 no apparent retinopathy', '0 網膜症なし'],
          ['1 mild NPDR', '1 軽症非増殖網膜症'],
          ['2 moderate NPDR', '2 中等症非増殖網膜症'],
          ['3 severe NPDR', '3 重症非増殖網膜症'],
          ['4 proliferative DR', '4 増殖網膜症'],
        ],
        SCALE,
      ),
    },
    {
      id: 'glaucoma',
      name: { en: 'Glaucoma', ja: '緑内障' },
      target: 'image',
      kind: 'single',
      required: true,
      classes: [
        { code: 'glaucoma.positive', name: { en: 'Glaucoma', ja: '緑内障あり' }, color: '#d62728', key: 'g' },
        { code: 'glaucoma.negative', name: { en: 'No glaucoma', ja: '緑内障なし' }, color: '#2ca02c', key: 'n' },
      ],
    },
  ],
};

/** Gastric biopsy slides: the Japanese Group classification and the lesion outlined. */
export const GASTRIC_BIOPSY_LABEL_SET: LabelSet = {
  id: 'gastric-biopsy',
  version: 1,
  name: { en: 'Gastric biopsy: Group classification and lesions', ja: '胃生検：Group分類と病変' },
  questions: [
    {
      id: 'group',
      name: { en: 'Group classification', ja: 'Group分類' },
      target: 'slide',
      kind: 'grade',
      required: true,
      classes: [1, 2, 3, 4, 5].map((n, i) => ({
        code: `group.${n}`,
        name: { en: `Group ${n}`, ja: `Group ${n}` },
        color: SCALE[i] ?? '#7f7f7f',
        key: String(n),
      })),
    },
    {
      id: 'lesion',
      name: { en: 'Lesion outline', ja: '病変の輪郭' },
      target: 'region',
      kind: 'single',
      required: false,
      classes: [
        { code: 'lesion.carcinoma', name: { en: 'Carcinoma', ja: '癌' }, color: '#d62728', key: 'c' },
        { code: 'lesion.adenoma', name: { en: 'Adenoma', ja: '腺腫' }, color: '#ff7f0e', key: 'a' },
        { code: 'lesion.other', name: { en: 'Other lesion', ja: 'その他の病変' }, color: '#1f77b4', key: 'o' },
        // Outlines the pathology-nuclei-tissue model proposes; no key, so drawing by hand is unchanged.
        // `nucleus` is also the code of the demo slide's read-only nuclei layer.
        { code: 'tissue', name: { en: 'Tissue', ja: '組織' }, color: '#2ca02c' },
        { code: 'nucleus', name: { en: 'Nucleus', ja: '細胞核' }, color: '#5b3a8e' },
      ],
    },
  ],
};

/**
 * Text burned into the pixels of frames and images (names, dates, IDs) to be checked and removed
 * before sharing; what the `ppocr-text-det` model proposes.
 */
export const BURNED_IN_TEXT_LABEL_SET: LabelSet = {
  id: 'burned-in-text',
  version: 1,
  name: { en: 'Burned-in text for de-identification', ja: '匿名化のための焼き込み文字' },
  questions: [
    {
      id: 'text',
      name: { en: 'Text in the image', ja: '画像内の文字' },
      target: 'region',
      kind: 'single',
      required: false,
      classes: [{ code: 'text.burnedIn', name: { en: 'Burned-in text', ja: '焼き込み文字' }, color: '#ffbf00', key: 'x' }],
    },
  ],
};

export const BUILTIN_LABEL_SETS: readonly LabelSet[] = [
  SAH_SLICE_LABEL_SET,
  ICH_SUBTYPE_LABEL_SET,
  UC_ENDOSCOPY_LABEL_SET,
  FUNDUS_GRADING_LABEL_SET,
  GASTRIC_BIOPSY_LABEL_SET,
  BURNED_IN_TEXT_LABEL_SET,
];
