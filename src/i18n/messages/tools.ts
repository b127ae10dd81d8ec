import type { MessageTable } from '../types';

/** Names and hints of the drawing and editing tools (src/core/tools: `tool.<id>` is each tool's message). */
export const toolMessages = {
  'tool.select': { en: 'Select', ja: '選択' },
  'tool.select.hint': {
    en: 'Click an outline to select it, Shift+click to add or remove one, drag to move, Delete to remove, a class key to change its class',
    ja: 'クリックで輪郭を選択、Shift+クリックで追加・解除、ドラッグで移動、Deleteで削除、分類キーで分類を変更',
  },
  'tool.polygon': { en: 'Polygon', ja: '多角形' },
  'tool.polygon.hint': {
    en: 'Click each corner; double-click, Enter or a click on the first corner closes the outline; Backspace takes back a corner; Esc cancels',
    ja: '頂点を順にクリック。ダブルクリック、Enter、または最初の頂点のクリックで閉じる。Backspaceで頂点を1つ戻し、Escで取り消し',
  },
  'tool.freehand': { en: 'Freehand', ja: 'フリーハンド' },
  'tool.freehand.hint': { en: 'Hold the button down and trace the outline', ja: 'ボタンを押したまま輪郭をなぞる' },
  'tool.rectangle': { en: 'Rectangle', ja: '長方形' },
  'tool.rectangle.hint': { en: 'Drag from one corner to the opposite one', ja: '角から対角へドラッグ' },
  'tool.ellipse': { en: 'Ellipse', ja: '楕円' },
  'tool.ellipse.hint': { en: 'Drag a box around the area; hold Shift for a circle', ja: '範囲を囲むようにドラッグ。Shiftを押すと円' },
  'tool.point': { en: 'Point', ja: '点' },
  'tool.point.hint': { en: 'Click to mark a point', ja: 'クリックで点を付ける' },
  'tool.brush': { en: 'Brush', ja: 'ブラシ' },
  'tool.brush.hint': {
    en: 'Paint to add to the selected outline (or draw a new one); hold Alt to erase; [ and ] change the brush size',
    ja: '塗って選択中の輪郭に加える（選択なしなら新しい輪郭）。Altを押しながらで消す。[ と ] でブラシの大きさを変更',
  },
  'tool.clickOutline': { en: 'Click to outline', ja: 'クリックで輪郭' },
  'tool.clickOutline.hint': {
    en: 'Click a lesion to outline it, or drag a box around it; Shift+click adds to the outline, Alt+click takes away from it; Enter or Esc ends it',
    ja: '病変をクリックして輪郭を作る（または囲むようにドラッグ）。Shift+クリックで範囲を加え、Alt+クリックで除く。EnterまたはEscで終了',
  },
} as const satisfies MessageTable;
