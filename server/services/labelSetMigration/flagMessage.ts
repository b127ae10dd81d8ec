/**
 * The first message of the review thread a migration opens on a document whose records kept a
 * class the new version lacks. Stored text read by annotators and reviewers of either language,
 * so it says it in both.
 */
import type { LabelSet } from '../../../src/core/labelSet';

export function flagMessage(from: LabelSet, to: LabelSet, records: number): string {
  return [
    `Label set "${to.name.en}" moved from version ${from.version} to ${to.version}: ${records} record(s) here keep a class that version ${to.version} no longer has. Choose a class for each.`,
    `ラベルセット「${to.name.ja}」をバージョン${from.version}から${to.version}に移行しました。ここにある${records}件のレコードは、バージョン${to.version}にないクラスのままです。それぞれクラスを選び直してください。`,
  ].join('\n');
}
