import type { MessageTable } from '../types';

/** Messages of the upload's burned-in text review and its de-identification progress. */
export const burnedInMessages = {
  'burnedIn.title': { en: 'Check for burned-in text', ja: '焼き込み文字の確認' },
  'burnedIn.intro': {
    en: '{detector} proposed the boxes shown. Remove wrong ones, drag on the image to add a box, drag a chosen box’s corner to resize it, then confirm. Confirmed boxes are blacked out in every frame before upload.',
    ja: '{detector} が提案した枠を表示しています。誤った枠は削除し、画像上をドラッグして枠を追加、選んだ枠の角をドラッグして大きさを変えてから確定してください。確定した枠はアップロード前に全フレームで黒く塗りつぶされます。',
  },
  'burnedIn.noDetector': {
    en: 'No text detector is available: drag on the image to box any text, then confirm. Confirmed boxes are blacked out in every frame before upload.',
    ja: '文字検出器が使えません。画像上をドラッグして文字を枠で囲み、確定してください。確定した枠はアップロード前に全フレームで黒く塗りつぶされます。',
  },
  'burnedIn.position': { en: 'Image {index} of {total}, {remaining} still to confirm', ja: '{total} 枚中 {index} 枚目（未確定 {remaining} 枚）' },
  'burnedIn.reason.ultrasound': { en: 'ultrasound', ja: '超音波' },
  'burnedIn.reason.secondaryCapture': { en: 'secondary capture', ja: '二次キャプチャ' },
  'burnedIn.reason.visibleLight': { en: 'endoscopy or photograph', ja: '内視鏡・写真' },
  'burnedIn.reason.burnedInAnnotation': { en: 'marked as carrying burned-in annotation', ja: '焼き込み注釈ありと記録された画像' },
  'burnedIn.reason.policy': { en: 'the policy checks every image', ja: 'ポリシーによりすべての画像を確認' },
  'burnedIn.loading': { en: 'Reading the image again from its file…', ja: 'ファイルから画像を読み直しています…' },
  'burnedIn.unreadable': { en: 'The image cannot be shown: {reason}', ja: '画像を表示できません：{reason}' },
  'burnedIn.confirmed': { en: 'confirmed', ja: '確定済み' },
  'burnedIn.keys': { en: 'Keys: A confirm and go on, N or → next, P or ← previous, Delete remove the chosen box.', ja: 'キー：A 確定して次へ、N または → 次、P または ← 前、Delete 選んだ枠を削除。' },
  'burnedIn.previous': { en: 'Previous image', ja: '前の画像' },
  'burnedIn.next': { en: 'Next image', ja: '次の画像' },
  'burnedIn.remove': { en: 'Remove box', ja: '枠を削除' },
  'burnedIn.confirm': { en: 'Confirm {count} boxes', ja: '{count} 個の枠を確定' },
  'burnedIn.upload': { en: 'Black out and upload', ja: '塗りつぶしてアップロード' },
  'burnedIn.uploadWaiting': { en: 'Confirm {remaining} more images to upload', ja: 'アップロードにはあと {remaining} 枚の確定が必要です' },
  'burnedIn.uncheckable': { en: 'Burned-in text must be checked, but {reason}.', ja: '焼き込み文字の確認が必要ですが、確認できません（{reason}）。' },
  'burnedIn.cancelled': { en: 'Cancelled before upload.', ja: 'アップロード前に中止しました。' },
  'burnedIn.cancel': { en: 'Cancel upload', ja: 'アップロードを中止' },
  'burnedIn.detecting': { en: 'Looking for burned-in text in {count} images…', ja: '{count} 枚の画像で焼き込み文字を検出中…' },
  'burnedIn.progress': {
    en: 'De-identifying {done} of {total} files ({mbDone} of {mbTotal} MB){current}',
    ja: '{total} 件中 {done} 件を匿名化（{mbTotal} MB 中 {mbDone} MB）{current}',
  },
  'burnedIn.current': { en: ': {file}', ja: '：{file}' },
  'burnedIn.stop': { en: 'Stop', ja: '中止' },
} as const satisfies MessageTable;
