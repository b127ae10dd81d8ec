import { useMemo, useState } from 'react';
import type { AnnotationRecord, Geometry } from '../../core/annotation';
import type { LabelClass, Question } from '../../core/labelSet';
import type { ConflictChoice, RecordConflict } from '../../data/syncEngine';
import { useLanguage, useT } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { cellBackground, classesOf, versionCodes } from './labelColors';
import { outlineVersionText } from './outlineVersionText';

/**
 * Records changed both on this device and elsewhere while everything else synced. Both versions
 * are kept until the user picks, per record (for a slice label: the slice, my answer, the
 * server's) or for all at once: keep mine (sent over the server's version) or take the server's.
 * An outline's versions show its class by name, from `regionClasses` (the label set's region questions),
 * then what differs: moved by how far, how many vertices changed, and its area (µm with the slide's
 * `micronsPerPixel`, else px).
 */
export function ConflictDialog({
  question,
  regionClasses = [],
  micronsPerPixel = null,
  targetIds,
  conflicts,
  onResolve,
  onLater,
}: {
  readonly question: Question;
  readonly regionClasses?: readonly LabelClass[];
  /** The slide's µm per level-0 px (x, y), for distances and areas of outlines; null: in px. */
  readonly micronsPerPixel?: readonly [number, number] | null;
  readonly targetIds: readonly string[];
  readonly conflicts: readonly RecordConflict[];
  readonly onResolve: (choices: ReadonlyMap<string, ConflictChoice>) => Promise<void>;
  readonly onLater: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const sliceOf = useMemo(() => new Map(targetIds.map((id, i) => [id, i])), [targetIds]);
  const byCode = useMemo(() => new Map([...regionClasses, ...question.classes].map((c) => [c.code, c])), [question, regionClasses]);
  const rows = conflicts
    .map((conflict) => ({ conflict, slice: sliceIndexOf(conflict, question, sliceOf) }))
    .sort((a, b) => (a.slice ?? Infinity) - (b.slice ?? Infinity) || a.conflict.id.localeCompare(b.conflict.id));

  async function choose(choices: ReadonlyMap<string, ConflictChoice>): Promise<void> {
    setBusy(true);
    try {
      await onResolve(choices);
    } finally {
      setBusy(false);
    }
  }
  const all = (choice: ConflictChoice) => new Map(conflicts.map((c) => [c.id, choice]));

  return (
    <Dialog title={t('conflict.title')} onClose={onLater} testId="conflict-dialog" wide>
      <p>{t('conflict.explain')}</p>
      <p data-testid="conflict-count">{t('conflict.count', { count: conflicts.length })}</p>
      <div className="conflict-table-wrap">
        <table className="compact conflict-table">
          <thead>
            <tr>
              <th scope="col">{t('conflict.slice')}</th>
              <th scope="col">{t('conflict.mine')}</th>
              <th scope="col">{t('conflict.server')}</th>
              <th scope="col">{t('conflict.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ conflict, slice }) => {
              const key = slice ?? conflict.id;
              return (
                <tr key={conflict.id} data-testid={`conflict-row-${key}`} data-record-id={conflict.id}>
                  <th scope="row">{slice === undefined ? <RecordName conflict={conflict} /> : slice + 1}</th>
                  <td data-testid={`conflict-mine-${key}`} data-classes={versionCodes(conflict.mine, question).join(' ')}>
                    <Version record={conflict.mine} question={question} byCode={byCode} />
                    <OutlineDifference version={conflict.mine} reference={referenceOf(conflict, conflict.server)} micronsPerPixel={micronsPerPixel} />
                  </td>
                  <td data-testid={`conflict-server-${key}`} data-classes={versionCodes(conflict.server, question).join(' ')}>
                    <Version record={conflict.server} question={question} byCode={byCode} />
                    <OutlineDifference version={conflict.server} reference={referenceOf(conflict, conflict.mine)} micronsPerPixel={micronsPerPixel} />
                  </td>
                  <td className="row">
                    <button type="button" data-testid={`conflict-keep-mine-${key}`} disabled={busy} onClick={() => void choose(new Map([[conflict.id, 'mine']]))}>
                      {t('conflict.keepMine')}
                    </button>
                    <button type="button" data-testid={`conflict-take-server-${key}`} disabled={busy} onClick={() => void choose(new Map([[conflict.id, 'theirs']]))}>
                      {t('conflict.takeServer')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="row end">
        <button type="button" data-testid="conflict-later" onClick={onLater} disabled={busy}>
          {t('conflict.later')}
        </button>
        <button type="button" data-testid="conflict-take-server" onClick={() => void choose(all('theirs'))} disabled={busy}>
          {t('conflict.takeAllServer')}
        </button>
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={() => void choose(all('mine'))} disabled={busy}>
          {t('conflict.keepAllMine')}
        </button>
      </div>
    </Dialog>
  );
}

/** Index of the slice a label of `question` answers for, whichever side still has the record. */
function sliceIndexOf(conflict: RecordConflict, question: Question, sliceOf: ReadonlyMap<string, number>): number | undefined {
  const record = conflict.mine ?? conflict.server ?? conflict.base;
  if (record?.type !== 'label' || record.questionId !== question.id) return undefined;
  return sliceOf.get(record.targetId);
}

/** What a version of an outline is compared with: the version both sides started from, else the other side. */
function referenceOf(conflict: RecordConflict, other: AnnotationRecord | null): Geometry | null {
  const reference = conflict.base?.type === 'shape' ? conflict.base : other;
  return reference?.type === 'shape' ? reference.geometry : null;
}

function OutlineDifference({
  version,
  reference,
  micronsPerPixel,
}: {
  readonly version: AnnotationRecord | null;
  readonly reference: Geometry | null;
  readonly micronsPerPixel: readonly [number, number] | null;
}) {
  const t = useT();
  if (version?.type !== 'shape') return null;
  const text = outlineVersionText(t, version.geometry, reference, micronsPerPixel);
  return text ? <span className="muted small outline-difference" data-testid="conflict-outline-difference"> · {text}</span> : null;
}

function RecordName({ conflict }: { readonly conflict: RecordConflict }) {
  const t = useT();
  const record = conflict.mine ?? conflict.server ?? conflict.base;
  return <span title={conflict.id}>{record?.type === 'label' ? t('conflict.wholeItem') : `${t('conflict.record')} ${record?.type ?? ''}`}</span>;
}

function Version({
  record,
  question,
  byCode,
}: {
  readonly record: AnnotationRecord | null;
  readonly question: Question;
  readonly byCode: ReadonlyMap<string, LabelClass>;
}) {
  const t = useT();
  const [language] = useLanguage();
  if (!record) return <span className="muted">{t('conflict.deleted')}</span>;
  if (record.type !== 'label' && record.type !== 'shape') return <span>{record.classCode}</span>;
  const classes: LabelClass[] = classesOf(versionCodes(record, question), byCode);
  // An outline of a class the label set lacks still shows its code rather than "unlabelled".
  if (record.type === 'shape' && classes.length === 0) return <span>{record.classCode}</span>;
  if (classes.length === 0) return <span className="muted">{t('strip.unlabelled')}</span>;
  return (
    <span className="classes">
      <span className="swatch" style={{ background: cellBackground(classes) }} aria-hidden="true" />
      {classes.map((c) => c.name[language]).join(', ')}
    </span>
  );
}
