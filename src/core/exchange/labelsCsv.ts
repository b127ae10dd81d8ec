/**
 * The labels of a document as CSV, one row per label record in the item's target order (the
 * whole-item answers last): which slice, which question, which classes, and who gave them, a person
 * or a model (id, version, hash, run, threshold, score) with the decision a person took on it.
 * Rejected proposals are rows too (decision `rejected`), so acceptance rates can be counted.
 * A range record (frames tagged at once, a video event) is a row on each frame it spans, as this
 * CSV has one target per row; the frame CSV (frameLabelsCsv.ts) keeps it as one row.
 * O(records of the listed targets + frames ranges span).
 */
import type { DocumentView, TargetLabel } from '../annotation';
import type { LabelSet } from '../labelSet';
import { exportedProvenance } from './exportedProvenance';
import { exportFileName } from './fileName';

/** Who gave a label, as the CSVs' columns from `origin` to `updated_at` say. */
export const PROVENANCE_CSV_COLUMNS = ['origin', 'model_id', 'model_version', 'model_sha256', 'run_id', 'threshold', 'score', 'decision', 'decided_by', 'authors', 'updated_at'] as const;

export const LABEL_CSV_COLUMNS = ['slice', 'target_id', 'question', 'classes', 'class_names', ...PROVENANCE_CSV_COLUMNS] as const;

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A label's classes as codes and as English names, `;`-joined: the `classes` and `class_names` columns. */
export function classFields(label: TargetLabel, labelSet: LabelSet): [string, string] {
  const question = labelSet.questions.find((q) => q.id === label.questionId);
  const names = label.classCodes.map((code) => question?.classes.find((c) => c.code === code)?.name.en ?? code);
  return [label.classCodes.join(';'), names.join(';')];
}

/** The values of `PROVENANCE_CSV_COLUMNS` for one label. */
export function provenanceFields(label: TargetLabel): (string | number | null)[] {
  const model = exportedProvenance(label.provenance);
  return [
    model ? 'model' : 'human',
    model?.modelId ?? null,
    model?.modelVersion ?? null,
    model?.modelSha256 ?? null,
    model?.runId ?? null,
    model?.threshold ?? null,
    model?.score ?? null,
    model?.decision ?? null,
    model?.decidedBy ?? null,
    label.provenance.authors.join(';'),
    label.provenance.updatedAt,
  ];
}

function row(label: TargetLabel, targetId: string, position: number | null, labelSet: LabelSet): string {
  const fields = [position, targetId, label.questionId, ...classFields(label, labelSet), ...provenanceFields(label)];
  return fields.map(csvField).join(',');
}

/** The data rows (no header) of one document, for exports that put several documents in one CSV (releases). */
export function labelsCsvRows(doc: DocumentView, labelSet: LabelSet, targetIds: readonly string[], itemId: string): string[] {
  const place = new Map(targetIds.map((id, i) => [id, i] as const));
  const rows: { readonly at: number; readonly line: string }[] = [];
  targetIds.forEach((targetId, first) => {
    for (const record of doc.recordsAt(targetId)) {
      if (record.type !== 'label') continue;
      // A range (frames tagged at once, a video event) answers every frame it spans: a row for each.
      const last = record.endTargetId === undefined ? first : (place.get(record.endTargetId) ?? first);
      for (let at = first; at <= last; at += 1) rows.push({ at, line: row(record, targetIds[at] as string, at + 1, labelSet) });
    }
  });
  // Stable: a frame's rows keep the order its records came in, a range's rows sit at each frame.
  rows.sort((a, b) => a.at - b.at);
  const lines = rows.map((r) => r.line);
  for (const record of doc.recordsAt(itemId)) if (record.type === 'label') lines.push(row(record, record.targetId, null, labelSet));
  return lines;
}

/** `targetIds`: the item's slices or frames in order (numbered from 1); `itemId`: its whole-item answers. */
export function exportLabelsCsv(doc: DocumentView, labelSet: LabelSet, targetIds: readonly string[], itemId: string): string {
  const lines = [LABEL_CSV_COLUMNS.join(','), ...labelsCsvRows(doc, labelSet, targetIds, itemId)];
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV's file name: the item's title, without characters file systems refuse. */
export function labelsCsvFileName(title: string): string {
  return exportFileName(title, 'labels', '-labels.csv');
}
