import type { MessageTable } from '../types';

/** Messages of the import of a DICOM SEG or RT Structure Set into a CT series (plan, class choices, outcome). */
export const labelImportMessages = {
  'labelImport.open': { en: 'Import SEG / RTSTRUCT…', ja: 'SEG・RTSTRUCTを読み込む…' },
  'labelImport.tooltip': {
    en: 'Add the masks of a DICOM SEG or the contours of an RT Structure Set made on this series (by OHIF, 3D Slicer or a planning system)',
    ja: 'このシリーズで作られたDICOM SEGのマスク、またはRT Structure Setの輪郭を追加します（OHIF、3D Slicer、治療計画装置など）',
  },
  'labelImport.notEditable': {
    en: 'Masks can be imported only into a series assigned to you that is not yet submitted.',
    ja: 'マスクを読み込めるのは、自分に割り当てられた未提出のシリーズだけです。',
  },
  'labelImport.noRegionQuestion': {
    en: 'This label set has no mask question to import into.',
    ja: 'このラベルセットには、マスクを読み込める設問がありません。',
  },
  'labelImport.reading': { en: 'Reading {file}…', ja: '{file} を読み込み中…' },
  'labelImport.plan.seg': { en: 'DICOM SEG {file}: what will be imported', ja: 'DICOM SEG {file}：読み込まれる内容' },
  'labelImport.plan.rtstruct': { en: 'RT Structure Set {file}: what will be imported', ja: 'RT Structure Set {file}：読み込まれる内容' },
  'labelImport.source.seg': { en: 'Segment {number} “{label}”', ja: 'セグメント {number}「{label}」' },
  'labelImport.source.rtstruct': { en: 'ROI {number} “{label}”', ja: 'ROI {number}「{label}」' },
  'labelImport.choose': { en: 'Choose a class…', ja: 'クラスを選択…' },
  'labelImport.skip': { en: 'Do not import', ja: '読み込まない' },
  'labelImport.slices': { en: 'slices {slices}', ja: 'スライス {slices}' },
  'labelImport.noSlices': { en: 'on no slice', ja: 'スライスなし' },
  'labelImport.as': { en: 'Contours become', ja: '輪郭の読み込み方' },
  'labelImport.as.masks': { en: 'masks (filled)', ja: 'マスク（塗りつぶし）' },
  'labelImport.as.outlines': { en: 'outlines', ja: '輪郭線' },
  'labelImport.refusals': { en: 'Not imported:', ja: '読み込まれないもの：' },
  'labelImport.unmapped': {
    en: 'choose a class for it above, or “Do not import”',
    ja: '上でクラスを選ぶか、「読み込まない」を選んでください',
  },
  'labelImport.confirm': { en: 'Import {count} records', ja: '{count} 件を読み込む' },
  'labelImport.nothing': { en: 'Nothing to import with these choices.', ja: 'この選択では読み込むものがありません。' },
  'labelImport.cancel': { en: 'Cancel', ja: 'キャンセル' },
  'labelImport.cancelled': { en: 'Import cancelled: nothing was added.', ja: '読み込みを取り消しました。何も追加されていません。' },
  'labelImport.done': {
    en: '{count} records imported from {file} on {slices} slices; one undo takes them back.',
    ja: '{file} から {slices} 枚のスライスに {count} 件を読み込みました。元に戻す1回で取り消せます。',
  },
  'labelImport.doneRefused': { en: '{count} segments or ROIs were not imported.', ja: '{count} 件のセグメントまたはROIは読み込まれていません。' },
  'labelImport.refused.notDicom': { en: '{file} is not a DICOM file: {detail}.', ja: '{file} はDICOMファイルではありません：{detail}。' },
  'labelImport.refused.notLabelObject': {
    en: '{file} is neither a DICOM SEG nor an RT Structure Set (its SOP Class is {sopClass}).',
    ja: '{file} はDICOM SEGでもRT Structure Setでもありません（SOP Classは {sopClass}）。',
  },
  'labelImport.refused.noSopClass': { en: 'absent', ja: 'なし' },
  'labelImport.refused.unreadable': { en: '{file} could not be read: {detail}.', ja: '{file} を読み取れません：{detail}。' },
  'labelImport.refused.otherSeries': {
    en: '{file} was made on another series: it needs series {series} of study {study}, and this item is series {own}. Nothing was imported.',
    ja: '{file} は別のシリーズで作られています。必要なのはスタディ {study} のシリーズ {series} で、この項目はシリーズ {own} です。何も読み込んでいません。',
  },
  'labelImport.refused.noStudy': { en: '(not named)', ja: '（記載なし）' },
  'labelImport.refused.notOnSeries': { en: '{file} does not fit this series: {detail}. Nothing was imported.', ja: '{file} はこのシリーズに合いません：{detail}。何も読み込んでいません。' },
  'labelImport.refusedByEditor': { en: 'The import was refused, nothing was added: {reason}', ja: '読み込みは拒否され、何も追加されていません：{reason}' },
  'labelImport.failed': { en: 'The file could not be read: {message}', ja: 'ファイルを読み込めませんでした：{message}' },
} as const satisfies MessageTable;
