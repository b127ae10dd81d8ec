import type { MessageTable } from '../types';

/** Messages of the admin's label-set migration: preview, mapping, apply and undo. */
export const labelSetMigrationMessages = {
  'labelSetMigration.title': { en: 'Move a dataset to a newer label set version', ja: 'データセットを新しいラベルセットのバージョンへ移行' },
  'labelSetMigration.intro': {
    en: 'Records follow the mapping: a class keeping its code follows its new name, merged classes take their target, and records of a removed class are kept and flagged for review. Nothing is written until you apply; undo is possible until the next release.',
    ja: 'レコードは対応表に従います。コードが同じクラスは新しい名前に、統合したクラスは統合先に移り、削除したクラスのレコードは残したうえでレビュー対象になります。適用するまで何も書き込まれず、次のリリースまでは元に戻せます。',
  },
  'labelSetMigration.dataset': { en: 'Dataset', ja: 'データセット' },
  'labelSetMigration.chooseDataset': { en: 'Choose a dataset', ja: 'データセットを選択' },
  'labelSetMigration.datasetOption': { en: '{name} ({labelSet} v{version})', ja: '{name}（{labelSet} v{version}）' },
  'labelSetMigration.toVersion': { en: 'Move to version', ja: '移行先のバージョン' },
  'labelSetMigration.noNewer': { en: 'This dataset is on the newest version of its label set.', ja: 'このデータセットはラベルセットの最新バージョンを使っています。' },
  'labelSetMigration.preview': { en: 'Preview', ja: 'プレビュー' },
  'labelSetMigration.question': { en: 'Question {from} → {to}', ja: '質問 {from} → {to}' },
  'labelSetMigration.questionGone': { en: 'Question {from}: not in version {version}', ja: '質問 {from}：バージョン {version} にありません' },
  'labelSetMigration.column.class': { en: 'Class (now)', ja: '現在のクラス' },
  'labelSetMigration.column.to': { en: 'Becomes', ja: '移行先' },
  'labelSetMigration.column.records': { en: 'Records', ja: 'レコード数' },
  'labelSetMigration.column.change': { en: 'Change', ja: '変更' },
  'labelSetMigration.review': { en: 'Keep and flag for review', ja: '残してレビュー対象にする' },
  'labelSetMigration.kind.same': { en: 'unchanged (name may change)', ja: '変更なし（名前のみ変わる場合あり）' },
  'labelSetMigration.kind.recoded': { en: 'recoded', ja: 'コード変更' },
  'labelSetMigration.kind.merged': { en: 'merged', ja: '統合' },
  'labelSetMigration.kind.review': { en: 'flagged for review', ja: 'レビュー対象' },
  'labelSetMigration.summary': {
    en: '{rewritten} record(s) will be rewritten, {review} flagged for review.',
    ja: '{rewritten} 件のレコードを書き換え、{review} 件をレビュー対象にします。',
  },
  'labelSetMigration.refused': { en: 'This mapping is refused:', ja: 'この対応表では移行できません：' },
  'labelSetMigration.apply': { en: 'Apply the migration', ja: '移行を適用' },
  'labelSetMigration.applied': {
    en: 'Moved to version {version}: {rewritten} record(s) rewritten, {review} flagged for review.',
    ja: 'バージョン {version} に移行しました。{rewritten} 件を書き換え、{review} 件をレビュー対象にしました。',
  },
  'labelSetMigration.last': {
    en: 'Last migration: v{from} → v{to} on {at}{undone}.',
    ja: '直近の移行：v{from} → v{to}（{at}）{undone}。',
  },
  'labelSetMigration.lastUndone': { en: ', undone', ja: '、取り消し済み' },
  'labelSetMigration.undo': { en: 'Undo this migration', ja: 'この移行を取り消す' },
  'labelSetMigration.notUndoable': { en: 'It can no longer be undone (undone already, or released since).', ja: '取り消せません（取り消し済み、または以後にリリース済み）。' },
  'labelSetMigration.undone': { en: 'Undone: back on version {version}, {restored} record(s) restored.', ja: '取り消しました。バージョン {version} に戻し、{restored} 件を復元しました。' },
} as const satisfies MessageTable;
