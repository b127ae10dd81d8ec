import type { MessageTable } from '../types';

/** Messages of the slide's annotation layer: tools, lesion classes, the selected outline, layers. */
export const slideAnnotationMessages = {
  'annotation.toolbar.label': { en: 'Outline tools', ja: '輪郭ツール' },
  'annotation.tool.tooltip': { en: '{name} (key {key}): {hint}', ja: '{name}（キー {key}）：{hint}' },
  'annotation.pan': { en: 'Move the slide', ja: 'スライドを動かす' },
  'annotation.pan.hint': { en: 'Drag to move the slide, the wheel to zoom', ja: 'ドラッグでスライドを動かし、ホイールで拡大縮小' },
  'annotation.classes.label': { en: 'Lesion class', ja: '病変の分類' },
  'annotation.selected.label': { en: 'Selected outline', ja: '選択中の輪郭' },
  'annotation.selected.none': { en: 'No outline selected.', ja: '輪郭は選択されていません。' },
  'annotation.selected.many': { en: '{count} outlines selected.', ja: '{count} 個の輪郭を選択中。' },
  'annotation.selected.class': { en: 'Class', ja: '分類' },
  'annotation.selected.area': { en: 'Area', ja: '面積' },
  'annotation.selected.vertices': { en: 'Vertices', ja: '頂点数' },
  'annotation.area.um2': { en: '{value} µm²', ja: '{value} µm²' },
  'annotation.area.mm2': { en: '{value} mm²', ja: '{value} mm²' },
  'annotation.area.px2': { en: '{value} px² (the slide gives no µm per pixel)', ja: '{value} px²（スライドに µm/ピクセルの情報がありません）' },
  'annotation.class.unknown': { en: 'Class not in this label set ({code})', ja: 'このラベルセットにない分類（{code}）' },
  'annotation.layers.label': { en: 'Layers', ja: 'レイヤー' },
  'annotation.layers.document': { en: 'My outlines', ja: '自分の輪郭' },
  'annotation.layers.count': { en: '{count} outlines', ja: '{count} 個の輪郭' },
  'annotation.layers.loading': { en: 'Loading…', ja: '読み込み中…' },
  'annotation.layers.failed': {
    en: 'This layer could not be loaded ({reason}). Switch it on again to retry.',
    ja: 'このレイヤーを読み込めませんでした（{reason}）。もう一度オンにすると再試行します。',
  },
  'annotation.layers.listFailed': {
    en: 'The slide’s other layers could not be listed ({reason}). Your own outlines are not affected.',
    ja: 'スライドの他のレイヤーを一覧できませんでした（{reason}）。自分の輪郭には影響ありません。',
  },
  'annotation.refused': { en: 'That change was not made: {reason}', ja: 'その変更は行われませんでした：{reason}' },
  'annotation.notice.outlineWouldCross': {
    en: 'The point went back: moved there, the outline would cross itself, and its area could not be measured.',
    ja: '点を元に戻しました：そこへ動かすと輪郭が自己交差し、面積を正しく測れなくなります。',
  },
  'annotation.readOnly': {
    en: 'This slide cannot be changed now: it is submitted, or not assigned to you.',
    ja: 'このスライドは今は変更できません（提出済み、または担当外です）。',
  },
} as const satisfies MessageTable;
