import type { MessageTable } from '../types';

/** Boxes and polygons on a frame: the modes, tools and keys of the large view's region layer. */
export const frameRegionMessages = {
  'frames.regions.title': { en: 'Regions on this frame', ja: 'このフレームの領域' },
  'frames.regions.mode': { en: 'Mode', ja: 'モード' },
  'frames.regions.classes': { en: 'Region class', ja: '領域のクラス' },
  'frames.regions.count': { en: '({n} on this frame)', ja: '（このフレームに {n} 個）' },
  'frames.regions.cellCount': { en: '{n} regions', ja: '領域 {n} 個' },
  'frames.regions.tool.pan': { en: 'Tagging', ja: 'タグ付け' },
  'frames.regions.tool.rectangle': { en: 'Box', ja: '矩形' },
  'frames.regions.tool.polygon': { en: 'Polygon', ja: '多角形' },
  'frames.regions.tool.select': { en: 'Select', ja: '選択' },
  'frames.regions.taggingHint': {
    en: 'Tagging: class keys answer the frame question. B draws boxes, P polygons, V selects regions.',
    ja: 'タグ付け中：クラスのキーでフレームの設問に回答します。B で矩形、P で多角形、V で領域を選択。',
  },
  'frames.regions.drawingHint': {
    en: 'Regions: class keys set the class of new regions and of the selected one. Esc goes back to tagging.',
    ja: '領域モード：クラスのキーで新しい領域と選択中の領域のクラスを設定します。Esc でタグ付けに戻ります。',
  },
  'frames.help.box': { en: 'Draw boxes on the frame (drag)', ja: 'フレームに矩形を描く（ドラッグ）' },
  'frames.help.polygon': { en: 'Draw polygons on the frame (click the vertices)', ja: 'フレームに多角形を描く（頂点をクリック）' },
  'frames.help.polygonKeys': {
    en: 'Polygon: close it (double-click, or click the first vertex) / take back the last vertex',
    ja: '多角形：閉じる（ダブルクリック、または最初の頂点をクリック）/ 最後の頂点を取り消す',
  },
  'frames.help.regionSelect': { en: 'In region mode, select regions: click one, drag it to move it', ja: '領域モードで領域を選択：クリックで選択、ドラッグで移動' },
  'frames.help.regionDelete': { en: 'Delete the selected region', ja: '選択中の領域を削除' },
  'frames.help.regionClass': { en: 'In region mode: class "{name}" for new regions and the selected one', ja: '領域モード：新しい領域と選択中の領域のクラスを「{name}」に' },
  'frames.help.tagging': { en: 'Region mode: drop the drawing in progress or the selection, then back to tagging', ja: '領域モード：描きかけの図形・選択を取り消し、次にタグ付けへ戻る' },
} as const satisfies MessageTable;
