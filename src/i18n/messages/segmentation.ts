import type { MessageTable } from '../types';

/** Messages of the CT segmentation panel: segments, mask tools, interpolation, volumes. */
export const segmentationMessages = {
  'segmentation.title': { en: 'Segmentation', ja: 'セグメンテーション' },
  'segmentation.tools': { en: 'Mask tools', ja: 'マスクツール' },
  'segmentation.segments': { en: 'Segments', ja: 'セグメント' },
  'segmentation.visible': { en: 'Show {name}', ja: '{name}を表示' },
  'segmentation.opacity': { en: 'Opacity of {name}', ja: '{name}の不透明度' },
  'segmentation.volume': { en: '{ml} ml', ja: '{ml} mL' },
  'segmentation.meanHu': { en: 'mean {hu} HU', ja: '平均 {hu} HU' },
  'segmentation.noVolume': { en: 'empty', ja: '空' },
  'segmentation.measuring': { en: 'measuring…', ja: '計測中…' },
  'segmentation.huRange': { en: 'HU range', ja: 'HU範囲' },
  'segmentation.huLow': { en: 'Lowest HU', ja: '下限HU' },
  'segmentation.huHigh': { en: 'Highest HU', ja: '上限HU' },
  'segmentation.radius': { en: 'Brush radius {r} px ([ ])', ja: 'ブラシ半径 {r} px（[ ]）' },
  'segmentation.interpolate': { en: 'Interpolate between outlined slices', ja: '輪郭のあるスライス間を補間' },
  'segmentation.nothingToInterpolate': {
    en: 'Outline two slices with empty slices between them first.',
    ja: '先に、間に空のスライスがある2枚のスライスを描いてください。',
  },
  'segmentation.hint': {
    en: 'Alt while painting erases. Contour: drag freehand, or click vertices and press Enter.',
    ja: '塗り中にAltで消去。輪郭：ドラッグで手描き、または頂点をクリックしてEnter。',
  },
  'help.brushSize': { en: 'Mask brush smaller / larger', ja: 'マスクブラシを小さく／大きく' },
  'help.closeContour': { en: 'Close the contour being drawn', ja: '描画中の輪郭を閉じる' },
  'maskTool.maskBrush': { en: 'Brush', ja: 'ブラシ' },
  'maskTool.maskEraser': { en: 'Eraser', ja: '消しゴム' },
  'maskTool.thresholdBrush': { en: 'Threshold brush', ja: '閾値ブラシ' },
  'maskTool.contourFill': { en: 'Contour fill', ja: '輪郭塗りつぶし' },
  'maskTool.floodFill': { en: 'Flood fill', ja: '領域塗りつぶし' },
} as const satisfies MessageTable;
