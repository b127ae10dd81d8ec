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
  'pacsPush.progress': {
    en: '{items} items done: {stored} stored, {already} already in the PACS, {refused} refused',
    ja: '{items} アイテム完了：{stored} 件保存、{already} 件は PACS に既存、{refused} 件拒否',
  },
  'pacsPush.none': { en: 'No item has anything to export yet.', ja: 'エクスポートできるアイテムはまだありません。' },
  'pacsPush.item': { en: 'Item', ja: 'アイテム' },
  'pacsPush.object': { en: 'Object', ja: 'オブジェクト' },
  'pacsPush.status.stored': { en: 'Stored', ja: '保存済み' },
  'pacsPush.status.alreadyThere': { en: 'Already in the PACS', ja: 'PACS に既存' },
  'pacsPush.status.refused': { en: 'Refused: {reason}', ja: '拒否：{reason}' },
  'pacsPush.problem.objects': { en: 'Tick SEG, SR or both.', ja: 'SEG、SR のいずれか（または両方）を選んでください。' },
} as const satisfies MessageTable;
