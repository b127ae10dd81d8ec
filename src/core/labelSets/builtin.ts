import type { AnswerKind, LabelClass, LabelSet, LocalizedText, Question } from '../labelSet';

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

/** A segment of the large bowel with its SNOMED CT body structure. */
const site = (part: string, [en, ja]: readonly [string, string], color: string, key: string, [code, meaning]: readonly [string, string]): LabelSet['questions'][number]['classes'][number] => ({
  code: `site.${part}`,
  name: { en, ja },
  color,
  key,
  coding: { scheme: SNOMED, code, meaning },
});

/** Where in the large bowel a frame was taken: its segments, keyed 1–6 in the order a colonoscope is withdrawn, rectum first. */
const COLON_SITE_QUESTION: Question = {
  id: 'site',
  name: { en: 'Anatomical site', ja: '部位' },
  target: 'frame',
  kind: 'single',
  required: false,
  classes: [
    site('rectum', ['Rectum', '直腸'], '#1f77b4', '1', ['34402009', 'Rectum structure']),
    site('sigmoid', ['Sigmoid colon', 'S状結腸'], '#ff7f0e', '2', ['60184004', 'Sigmoid colon structure']),
    site('descending', ['Descending colon', '下行結腸'], '#2ca02c', '3', ['32622004', 'Descending colon structure']),
    site('transverse', ['Transverse colon', '横行結腸'], '#9467bd', '4', ['485005', 'Transverse colon structure']),
    site('ascending', ['Ascending colon', '上行結腸'], '#8c564b', '5', ['9040008', 'Ascending colon structure']),
    site('cecum', ['Caecum', '盲腸'], '#e377c2', '6', ['32713005', 'Cecum structure']),
  ],
};

/**
 * Ulcerative colitis on endoscopy frames: Mayo endoscopic subscore, where the frame was taken, and
 * boxes (or outlines) around lesions. Version 2 added the lesion question, number keys for the
 * site and the sites' SNOMED CT body structures; version 1 stays stored for datasets made with it.
 */
export const UC_ENDOSCOPY_LABEL_SET: LabelSet = {
  id: 'uc-endoscopy',
  version: 2,
  name: { en: 'Ulcerative colitis: Mayo subscore, site and lesions', ja: '潰瘍性大腸炎：Mayo内視鏡スコア、部位と病変' },
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
    COLON_SITE_QUESTION,
    {
      id: 'lesion',
      name: { en: 'Lesion boxes', ja: '病変の囲み' },
      target: 'region',
      kind: 'single',
      required: false,
      // Letters, leaving the number keys to the frame questions and p f r e t v b h to the drawing tools.
      classes: [
        { code: 'lesion.ulcer', name: { en: 'Ulcer', ja: '潰瘍' }, color: '#d62728', key: 'u' },
        { code: 'lesion.erosion', name: { en: 'Erosion', ja: 'びらん' }, color: '#ff7f0e', key: 'x' },
        { code: 'lesion.bleeding', name: { en: 'Spontaneous bleeding', ja: '自然出血' }, color: '#8c1a1a', key: 'k' },
        { code: 'lesion.polyp', name: { en: 'Polyp or pseudopolyp', ja: 'ポリープ・偽ポリープ' }, color: '#1f77b4', key: 'y' },
        { code: 'lesion.other', name: { en: 'Other lesion', ja: 'その他の病変' }, color: '#7f7f7f', key: 'o' },
      ],
    },
  ],
};

/** A question about the whole photograph that a grader may leave open (an ungradable one). */
const optionalImageQuestion = (id: string, name: LocalizedText, kind: AnswerKind, classes: readonly LabelClass[]): Question => ({
  id,
  name,
  target: 'image',
  kind,
  required: false,
  classes,
});

/**
 * Fundus photographs as a reading centre grades them, one photograph at a time and one question
 * after another, each answered by number keys (yes 1, no 0; a grade by its number): gradable,
 * diabetic retinopathy on the International Clinical DR scale (ICDR, Wilkinson et al. 2003: 0–4),
 * referable diabetic macular oedema (on a photograph: hard exudates within one disc diameter of
 * the fovea, as Gulshan et al. 2016), glaucoma suspect, and AMD stage by the Beckman clinical
 * classification (Ferris et al., Ophthalmology 2013) folded to four steps: none (no or normal
 * ageing changes: drusen ≤ 63 µm), early (medium drusen 63–125 µm), intermediate (large drusen
 * > 125 µm or AMD pigmentary abnormalities), late (neovascular AMD or geographic atrophy). Only
 * gradability is required: a photograph nobody can grade has no DR grade, and a question is
 * required for every target or none. Version 2 added gradability, macular oedema and AMD and made
 * glaucoma a suspect yes/no on keys 1/0 (same codes); version 1 stays stored for datasets made
 * with it.
 */
export const FUNDUS_GRADING_LABEL_SET: LabelSet = {
  id: 'fundus-grading',
  version: 2,
  name: { en: 'Fundus grading: DR, macular oedema, glaucoma, AMD', ja: '眼底グレーディング：糖尿病網膜症、黄斑浮腫、緑内障、加齢黄斑変性' },
  questions: [
    {
      id: 'gradable',
      name: { en: 'Image gradable', ja: '判定可能な画像' },
      target: 'image',
      kind: 'single',
      required: true,
      classes: [
        { code: 'gradable.no', name: { en: 'Ungradable', ja: '判定不能' }, color: '#7f7f7f', key: '0' },
        { code: 'gradable.yes', name: { en: 'Gradable', ja: '判定可能' }, color: '#1f77b4', key: '1' },
      ],
    },
    optionalImageQuestion('dr', { en: 'Diabetic retinopathy (ICDR)', ja: '糖尿病網膜症（国際重症度分類）' }, 'grade', grade(
      'dr',
      [
        ['0 no apparent retinopathy', '0 網膜症なし'],
        ['1 mild NPDR', '1 軽症非増殖網膜症'],
        ['2 moderate NPDR', '2 中等症非増殖網膜症'],
        ['3 severe NPDR', '3 重症非増殖網膜症'],
        ['4 proliferative DR', '4 増殖網膜症'],
      ],
      SCALE,
    )),
    optionalImageQuestion('dme', { en: 'Referable diabetic macular oedema', ja: '要紹介の糖尿病黄斑浮腫' }, 'single', [
      { code: 'dme.no', name: { en: 'No referable DME', ja: '要紹介の黄斑浮腫なし' }, color: '#2ca02c', key: '0' },
      { code: 'dme.yes', name: { en: 'Referable DME', ja: '要紹介の黄斑浮腫あり' }, color: '#d62728', key: '1' },
    ]),
    optionalImageQuestion('glaucoma', { en: 'Glaucoma suspect', ja: '緑内障疑い' }, 'single', [
      { code: 'glaucoma.negative', name: { en: 'Glaucoma suspect −', ja: '緑内障疑いなし' }, color: '#2ca02c', key: '0' },
      { code: 'glaucoma.positive', name: { en: 'Glaucoma suspect +', ja: '緑内障疑いあり' }, color: '#d62728', key: '1' },
    ]),
    optionalImageQuestion('amd', { en: 'AMD stage (Beckman)', ja: '加齢黄斑変性の病期（Beckman分類）' }, 'grade', grade(
      'amd',
      [
        ['0 none', '0 なし'],
        ['1 early', '1 早期'],
        ['2 intermediate', '2 中期'],
        ['3 late', '3 後期'],
      ],
      SCALE,
    )),
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

/**
 * Colonoscopy video tagged the way an endoscopist reviews a recording: a timeline of events, each
 * a run of frames marked with `[` and `]` and tagged by one number key (one frameRange record per
 * run, runs of different events may overlap), and optionally where a frame was taken. "Not
 * assessable" covers what makes a stretch unreadable (blur, bubbles, stool, the scope out of the
 * body), so those frames can be left out of training and of per-frame statistics. Only bleeding
 * carries a SNOMED CT code: the other events are findings of the recording, not of the patient.
 */
export const ENDOSCOPY_VIDEO_LABEL_SET: LabelSet = {
  id: 'endoscopy-video',
  version: 1,
  name: { en: 'Endoscopy video: events and site', ja: '内視鏡動画：イベントと部位' },
  questions: [
    {
      id: 'event',
      name: { en: 'Events (frame ranges)', ja: 'イベント（フレーム範囲）' },
      target: 'frameRange',
      kind: 'single',
      required: false,
      classes: [
        { code: 'event.bleeding', name: { en: 'Bleeding', ja: '出血' }, color: '#d62728', key: '1', coding: { scheme: SNOMED, code: '131148009', meaning: 'Bleeding' } },
        { code: 'event.polyp', name: { en: 'Polyp in view', ja: 'ポリープ描出' }, color: '#1f77b4', key: '2' },
        { code: 'event.ulcer', name: { en: 'Ulcer or erosion in view', ja: '潰瘍・びらん描出' }, color: '#ff7f0e', key: '3' },
        { code: 'event.instrument', name: { en: 'Instrument in use (biopsy, snare, clip)', ja: '処置具使用（生検・スネア・クリップ）' }, color: '#9467bd', key: '4' },
        { code: 'event.notAssessable', name: { en: 'Not assessable (blur, bubbles, stool)', ja: '評価不能（ぼけ・泡・残便）' }, color: '#7f7f7f', key: '5' },
        { code: 'event.outOfBody', name: { en: 'Out of body', ja: '体外' }, color: '#17becf', key: '6' },
      ],
    },
    COLON_SITE_QUESTION,
  ],
};

export const BUILTIN_LABEL_SETS: readonly LabelSet[] = [
  SAH_SLICE_LABEL_SET,
  ICH_SUBTYPE_LABEL_SET,
  UC_ENDOSCOPY_LABEL_SET,
  FUNDUS_GRADING_LABEL_SET,
  GASTRIC_BIOPSY_LABEL_SET,
  BURNED_IN_TEXT_LABEL_SET,
  ENDOSCOPY_VIDEO_LABEL_SET,
];
