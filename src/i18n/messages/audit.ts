import type { MessageTable } from '../types';

/** Messages of the admin's audit log viewer. */
export const auditMessages = {
  'audit.title': { en: 'Audit log', ja: '監査ログ' },
  'audit.open': { en: 'Open the audit log', ja: '監査ログを開く' },
  'audit.intro': {
    en: 'Every write, newest first. Rows are linked in a hash chain, so a row changed or removed behind the app shows as a break.',
    ja: 'すべての書き込みを新しい順に表示します。行はハッシュチェーンで連結されており、アプリ外で変更・削除された行は破損として検出されます。',
  },
  'audit.filter.user': { en: 'User', ja: 'ユーザー' },
  'audit.filter.anyUser': { en: 'Anyone', ja: 'すべて' },
  'audit.filter.entity': { en: 'Item or entity id', ja: 'アイテム／対象 ID' },
  'audit.filter.action': { en: 'Action starts with', ja: '操作（前方一致）' },
  'audit.filter.from': { en: 'From', ja: '開始' },
  'audit.filter.to': { en: 'To', ja: '終了' },
  'audit.filter.apply': { en: 'Show', ja: '表示' },
  'audit.column.time': { en: 'Time', ja: '日時' },
  'audit.column.user': { en: 'User', ja: 'ユーザー' },
  'audit.column.action': { en: 'Action', ja: '操作' },
  'audit.column.entity': { en: 'Entity', ja: '対象' },
  'audit.column.revision': { en: 'Revision', ja: 'リビジョン' },
  'audit.column.detail': { en: 'Detail', ja: '詳細' },
  'audit.noUser': { en: '(system)', ja: '（システム）' },
  'audit.none': { en: 'No entries match.', ja: '該当する記録はありません。' },
  'audit.older': { en: 'Older', ja: 'さらに古い記録' },
  'audit.verify': { en: 'Verify chain', ja: 'チェーンを検証' },
  'audit.verify.ok': { en: 'Chain intact: {count} rows verified.', ja: 'チェーンは正常です：{count} 行を検証しました。' },
  'audit.verify.broken': { en: 'Chain broken at place {place}: {message}', ja: 'チェーンが位置 {place} で破損しています：{message}' },
} as const satisfies MessageTable;
