import type { MessageTable } from '../types';

/** Messages of the series viewer (toolbar, corner text, loading and error states). */
export const viewerMessages = {
  'viewer.toolbar.label': { en: 'Viewer tools', ja: 'ビューアーツール' },
  'viewer.preset.label': { en: 'Window', ja: 'ウィンドウ' },
  'viewer.preset.default': { en: 'Default', ja: '既定' },
  'viewer.preset.brain': { en: 'Brain', ja: '脳' },
  'viewer.preset.subdural': { en: 'Subdural', ja: '硬膜下' },
  'viewer.preset.stroke': { en: 'Stroke', ja: '脳梗塞' },
  'viewer.preset.softTissue': { en: 'Soft tissue', ja: '軟部組織' },
  'viewer.preset.bone': { en: 'Bone', ja: '骨' },
  'viewer.preset.tooltip': {
    en: '{name}: width {width}, level {center}',
    ja: '{name}：幅 {width}、レベル {center}',
  },
  'viewer.reset': { en: 'Reset', ja: 'リセット' },
  'viewer.reset.tooltip': {
    en: 'Reset zoom, pan and window',
    ja: 'ズーム・移動・ウィンドウを元に戻す',
  },
  'viewer.slice': { en: 'Slice {n} / {total}', ja: 'スライス {n} / {total}' },
  'viewer.windowLevel': { en: 'W {width} L {center}', ja: 'W {width} L {center}' },
  'viewer.context.location': { en: 'Location {mm} mm', ja: '位置 {mm} mm' },
  'viewer.context.thickness': { en: 'Thickness {mm} mm', ja: 'スライス厚 {mm} mm' },
  'viewer.context.zoom': { en: 'Zoom {percent}%', ja: 'ズーム {percent}%' },
  'viewer.context.probe': { en: '{value} {unit} at x {x}, y {y}', ja: '{value} {unit}（x {x}、y {y}）' },
  'viewer.loading': { en: 'Loading slice…', ja: 'スライスを読み込み中…' },
  'viewer.error.title': {
    en: 'Slice {n} cannot be shown',
    ja: 'スライス {n} を表示できません',
  },
  'viewer.retry': { en: 'Try again', ja: '再試行' },
  'viewer.error.noPixelData': {
    en: 'The file holds no image (no pixel data).',
    ja: 'このファイルには画像（ピクセルデータ）がありません。',
  },
  'viewer.error.network': {
    en: 'The image could not be fetched: the network is unavailable and it was not saved for offline use.',
    ja: '画像を取得できません。ネットワークに接続できず、オフライン用にも保存されていません。',
  },
  'viewer.error.notFound': {
    en: 'The server no longer has this file.',
    ja: 'サーバーにこのファイルがありません。',
  },
  'viewer.error.timeout': {
    en: 'The image did not arrive in time. The connection may be slow or the server busy; try again.',
    ja: '画像が時間内に届きませんでした。通信が遅いかサーバーが混み合っている可能性があります。再試行してください。',
  },
  'viewer.error.unreadable': {
    en: 'The image in this file could not be read: the file may be damaged or stored in a form the viewer does not support.',
    ja: 'このファイルの画像を読み取れません。ファイルが壊れているか、ビューアーが対応していない形式で保存されています。',
  },
  'viewer.error.chunk': {
    en: 'The viewer could not be loaded: the network is unavailable and it was not saved for offline use.',
    ja: 'ビューアーを読み込めません。ネットワークに接続できず、オフライン用にも保存されていません。',
  },
  'viewer.noSlices': { en: 'This series has no slices.', ja: 'このシリーズにはスライスがありません。' },
  'viewer.hint': {
    en: 'Drag: chosen tool (window) · Right drag: zoom · Middle or Ctrl+drag: pan · Wheel: slices',
    ja: 'ドラッグ：選択中のツール（ウィンドウ） ・ 右ドラッグ：ズーム ・ 中ボタン/Ctrl+ドラッグ：移動 ・ ホイール：スライス',
  },
} as const satisfies MessageTable;
