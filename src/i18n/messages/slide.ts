import type { MessageTable } from '../types';

/** Messages of the slide viewer and the slide workspace (pathology). */
export const slideMessages = {
  'slide.loading': { en: 'Loading slide…', ja: 'スライドを読み込み中…' },
  'slide.chunkError': {
    en: 'The slide viewer could not be loaded: the network is unavailable and it was not saved for offline use.',
    ja: 'スライドビューアーを読み込めません。ネットワークに接続できず、オフライン用にも保存されていません。',
  },
  'slide.retry': { en: 'Try again', ja: '再試行' },
  'slide.unreadable.noLevels': {
    en: 'This slide cannot be shown: the server describes no image for it. Ask the dataset administrator to import the slide again.',
    ja: 'このスライドは表示できません。サーバーに画像の情報がありません。データセット管理者にスライドの再取り込みを依頼してください。',
  },
  'slide.unreadable.badTileSize': {
    en: 'This slide cannot be shown: its tile size on the server is invalid. Ask the dataset administrator to import the slide again.',
    ja: 'このスライドは表示できません。サーバー上のタイルサイズが不正です。データセット管理者にスライドの再取り込みを依頼してください。',
  },
  'slide.unreadable.badLevels': {
    en: 'This slide cannot be shown: its resolution levels on the server are inconsistent. Ask the dataset administrator to import the slide again.',
    ja: 'このスライドは表示できません。サーバー上の解像度レベルに矛盾があります。データセット管理者にスライドの再取り込みを依頼してください。',
  },
  'slide.openFailed': {
    en: 'The slide could not be opened in the viewer.',
    ja: 'スライドをビューアーで開けませんでした。',
  },
  'slide.tilesFailed.offline': {
    en: '{n} parts of the slide are missing: you are offline and they were not viewed on this device before.',
    ja: 'スライドの {n} か所が表示できません。オフラインで、この端末でまだ表示したことのない部分です。',
  },
  'slide.tilesFailed.server': {
    en: '{n} parts of the slide could not be loaded from the server.',
    ja: 'スライドの {n} か所をサーバーから読み込めませんでした。',
  },
  'slide.tilesFailed.rebuilt': {
    en: 'The slide’s images were rebuilt on the server since you opened it (more of its files arrived). Reload the page to see the new images; your outlines and answers are kept.',
    ja: 'スライドを開いた後に、サーバー上で画像が作り直されました（ファイルが追加されました）。新しい画像を表示するにはページを再読み込みしてください。アウトラインと回答はそのまま残ります。',
  },
  'slide.toolbar': { en: 'Slide view', ja: 'スライド表示' },
  'slide.magnification': { en: 'Magnification', ja: '倍率' },
  'slide.magnification.unknown': {
    en: 'Magnification unknown: the scanner recorded neither objective nor pixel size.',
    ja: '倍率不明：スキャナーが対物倍率もピクセルサイズも記録していません。',
  },
  'slide.magnification.choose': { en: 'Go to magnification', ja: '倍率を選ぶ' },
  'slide.zoom': { en: 'Zoom {percent}%', ja: 'ズーム {percent}%' },
  'slide.zoomIn': { en: 'Zoom in (+)', ja: '拡大 (+)' },
  'slide.zoomOut': { en: 'Zoom out (−)', ja: '縮小 (−)' },
  'slide.home': { en: 'Whole slide (0)', ja: 'スライド全体 (0)' },
  'slide.rotateLeft': { en: 'Rotate 90° left (Shift+L)', ja: '左に90°回転 (Shift+L)' },
  'slide.rotateRight': { en: 'Rotate 90° right (Shift+R)', ja: '右に90°回転 (Shift+R)' },
  'slide.rotation': { en: 'Rotation {degrees}°', ja: '回転 {degrees}°' },
  'slide.rotationFree': { en: 'Rotate freely', ja: '自由回転' },
  'slide.fullScreen': { en: 'Full screen (Shift+F)', ja: '全画面 (Shift+F)' },
  'slide.exitFullScreen': { en: 'Leave full screen (F)', ja: '全画面を終了 (F)' },
  'slide.scaleUnknown': {
    en: 'No scale bar: the scanner did not record the pixel size.',
    ja: 'スケールバーなし：スキャナーがピクセルサイズを記録していません。',
  },
  'slide.scaleBar': { en: 'Scale bar: {length}', ja: 'スケールバー：{length}' },
  'slide.workspace.viewer': { en: 'Slide', ja: 'スライド' },
  'slide.commandRefused': {
    en: 'This change could not be made; nothing was changed. Reload the page and try again.',
    ja: 'この変更はできませんでした（何も変更されていません）。ページを再読み込みしてもう一度お試しください。',
  },
  'slide.question.answered': { en: 'Answered: {name}', ja: '回答済み：{name}' },
  'slide.question.unanswered': { en: 'Not answered yet', ja: '未回答' },
  'slide.help.answer': { en: 'Answer "{name}" for the slide', ja: 'スライドに「{name}」を付ける' },
  'slide.help.clear': { en: 'Clear the slide answer', ja: 'スライドの回答を消去' },
  'slide.help.zoom': { en: 'Next / previous magnification step', ja: '次 / 前の倍率' },
  'slide.help.steps': {
    en: 'Go to ×1.25, ×2.5, ×5, ×10, ×20, ×40 (up to the scan objective)',
    ja: '×1.25・×2.5・×5・×10・×20・×40 に移動（スキャン倍率まで）',
  },
  'slide.help.rotate': { en: 'Rotate 90° right / left', ja: '右 / 左に90°回転' },
  'slide.help.home': { en: 'Show the whole slide', ja: 'スライド全体を表示' },
  'slide.help.fullScreen': { en: 'Full screen on / off', ja: '全画面の切り替え' },
  'slide.help.pan': { en: 'Drag / wheel', ja: 'ドラッグ / ホイール' },
  'slide.help.panAction': { en: 'Move / zoom the slide', ja: 'スライドの移動 / ズーム' },
} as const satisfies MessageTable;
