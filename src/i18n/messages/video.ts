import type { MessageTable } from '../types';

/** Messages of the video player and its timeline (frame sets from a video). */
export const videoMessages = {
  'video.player': { en: 'Video player', ja: '動画プレーヤー' },
  'video.frame': { en: 'Frame {n} of {total}', ja: 'フレーム {n} / {total}' },
  'video.play': { en: 'Play (Space)', ja: '再生（スペース）' },
  'video.pause': { en: 'Pause (Space)', ja: '一時停止（スペース）' },
  'video.stepBack': { en: 'Previous frame (← or ,)', ja: '前のフレーム（← または ,）' },
  'video.stepForward': { en: 'Next frame (→ or .)', ja: '次のフレーム（→ または .）' },
  'video.rate': { en: 'Speed', ja: '速度' },
  'video.timeline': { en: 'Timeline: click or drag to move; [ and ] mark a range, a class key tags it', ja: 'タイムライン：クリック・ドラッグで移動、[ と ] で範囲を指定し、クラスのキーでタグ付け' },
  'video.marks': { en: 'Marked: frames {first}–{last}. Press a class key to tag them.', ja: '指定範囲：フレーム {first}–{last}。クラスのキーでタグ付けします。' },
  'video.noMarks': { en: 'Mark a range with [ and ].', ja: '[ と ] で範囲を指定してください。' },
  'video.selected': { en: 'Selected: {name}, frames {first}–{last} (Delete removes it)', ja: '選択中：{name}、フレーム {first}–{last}（Delete で削除）' },
  'video.frameError': { en: 'Frame {n} could not be loaded.', ja: 'フレーム {n} を読み込めませんでした。' },
  'video.noRangeQuestion': { en: 'This label set asks no question of frame ranges.', ja: 'このラベルセットにはフレーム範囲の質問がありません。' },
  'video.help.tag': { en: 'Tag the marked frames "{name}"', ja: '指定範囲に「{name}」を付ける' },
  'video.help.step': { en: 'Previous / next frame', ja: '前 / 次のフレーム' },
  'video.help.second': { en: 'One second back / on', ja: '1 秒戻る / 進む' },
  'video.help.spaceKey': { en: 'Space', ja: 'スペース' },
  'video.help.play': { en: 'Play or pause', ja: '再生 / 一時停止' },
  'video.help.marks': { en: 'Mark the first / last frame of a range', ja: '範囲の開始 / 終了フレームを指定' },
  'video.help.remove': { en: 'Remove the selected band', ja: '選択中の帯を削除' },
  'video.help.clear': { en: 'Clear the marks and the selection', ja: '指定と選択を解除' },
  'video.help.toGrid': { en: 'Show the grid of frames, on this frame', ja: 'このフレームのままグリッド表示へ' },
  'video.help.regionTransport': {
    en: 'In region mode these still step and mark ranges; Space plays only once Esc is back in tagging',
    ja: '領域モードでもフレーム移動と範囲指定に使えます。スペースでの再生は Esc でタグ付けに戻ってから',
  },
  'video.help.sharedKey': { en: 'A key of both a region class and a range class', ja: '領域クラスと範囲クラスの両方に割り当てたキー' },
  'video.help.regionClassFirst': {
    en: 'In region mode it picks the region class (and Delete removes the selected region); in tagging mode it tags the marked range',
    ja: '領域モードでは領域のクラスを選びます（Delete は選択中の領域を削除）。タグ付けモードでは指定範囲にタグを付けます',
  },
  'video.regions.taggingHint': {
    en: 'Tagging: class keys tag the marked range. B draws boxes, P polygons on the frame shown; in region mode V selects them.',
    ja: 'タグ付け中：クラスのキーで指定範囲にタグを付けます。B で矩形、P で多角形を表示中のフレームに描き、領域モードでは V で選択します。',
  },
  'video.refused': { en: 'Not saved: {reason}', ja: '保存されませんでした：{reason}' },
  'video.edgeStart': { en: 'Drag to move the first frame', ja: 'ドラッグして開始フレームを移動' },
  'video.edgeEnd': { en: 'Drag to move the last frame', ja: 'ドラッグして終了フレームを移動' },
} as const satisfies MessageTable;
