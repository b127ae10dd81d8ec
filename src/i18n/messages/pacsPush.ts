import type { MessageTable } from '../types';

/** The admin's push of a dataset's SEG and SR exports to a PACS (its URL and credential fields are the pull form's). */
export const pacsPushMessages = {
  'pacsPush.title': { en: 'Push exports to a PACS (STOW-RS)', ja: 'エクスポートを PACS へ送る（STOW-RS）' },
  'pacsPush.intro': {
    en: 'Sends each item\'s DICOM SEG and SR, as the export buttons write them, to the PACS. An object the PACS already holds is not sent again, so pushing twice is safe. The password is used for this push only.',
    ja: '各アイテムの DICOM SEG と SR（エクスポートと同じもの）を PACS へ送ります。PACS にすでにあるオブジェクトは再送しないため、何度送っても重複しません。パスワードはこの送信にのみ使います。',
  },
  'pacsPush.objects': { en: 'Objects', ja: '送るオブジェクト' },
  'pacsPush.reader': { en: 'Whose annotations', ja: '誰のアノテーション' },
  'pacsPush.consensus': { en: 'Consensus', ja: '合意結果' },
  'pacsPush.submit': { en: 'Push', ja: '送る' },
  'pacsPush.cancel': { en: 'Cancel', ja: '中止' },
  'pacsPush.progressLabel': { en: 'Items pushed', ja: '送信済みアイテム' },
  'pacsPush.starting': { en: 'Pushing the first page of items…', ja: '最初のページのアイテムを送信中…' },
  'pacsPush.progress': {
    en: '{done} of {total} items: {stored} stored, {already} already in the PACS, {refused} refused',
    ja: '{total} アイテム中 {done} 件：{stored} 件保存、{already} 件は PACS に既存、{refused} 件拒否',
  },
  'pacsPush.cancelling': {
    en: 'Cancelling once the page being sent is done. {done} of {total} items so far: {stored} stored, {already} already in the PACS, {refused} refused',
    ja: '送信中のページが終わり次第中止します。ここまで {total} アイテム中 {done} 件：{stored} 件保存、{already} 件は PACS に既存、{refused} 件拒否',
  },
  'pacsPush.finished': {
    en: 'Done, {done} of {total} items: {stored} stored, {already} already in the PACS, {refused} refused',
    ja: '完了、{total} アイテム中 {done} 件：{stored} 件保存、{already} 件は PACS に既存、{refused} 件拒否',
  },
  'pacsPush.cancelled': {
    en: 'Cancelled after {done} of {total} items: {stored} stored before the cancel (they stay in the PACS), {already} already in the PACS, {refused} refused. Push again to send the rest.',
    ja: '{total} アイテム中 {done} 件で中止：中止前に {stored} 件保存（PACS に残ります）、{already} 件は PACS に既存、{refused} 件拒否。残りは再度送信してください。',
  },
  'pacsPush.failed': {
    en: 'Stopped by the error above after {done} of {total} items: {stored} stored, {already} already in the PACS, {refused} refused. Push again to send the rest.',
    ja: '上のエラーにより {total} アイテム中 {done} 件で停止：{stored} 件保存、{already} 件は PACS に既存、{refused} 件拒否。残りは再度送信してください。',
  },
  'pacsPush.failedAtOnce': {
    en: 'Stopped by the error above before the first page answered. Pushing again sends only what the PACS lacks.',
    ja: '最初のページの応答前に上のエラーで停止しました。再度送信すると PACS にないものだけを送ります。',
  },
  'pacsPush.none': { en: 'No item has anything to export yet.', ja: 'エクスポートできるアイテムはまだありません。' },
  'pacsPush.item': { en: 'Item', ja: 'アイテム' },
  'pacsPush.object': { en: 'Object', ja: 'オブジェクト' },
  'pacsPush.status.stored': { en: 'Stored', ja: '保存済み' },
  'pacsPush.status.alreadyThere': { en: 'Already in the PACS', ja: 'PACS に既存' },
  'pacsPush.status.refused': { en: 'Refused: {reason}', ja: '拒否：{reason}' },
  'pacsPush.problem.objects': { en: 'Tick SEG, SR or both.', ja: 'SEG、SR のいずれか（または両方）を選んでください。' },
} as const satisfies MessageTable;
