import { useMemo, useRef, useState } from 'react';
import type { LabelImportPlan, LabelObject, LabelObjectRefusal, LabelSource, Refusable } from '../../core/exchange/seg/labelObjectImport';
import type { SeriesItem } from '../../core/item';
import type { Question } from '../../core/labelSet';
import { useT, type Translate } from '../../i18n';
import { isEditable, useAppStore, type OpenItem } from '../../store';
import { LabelImportPlanView } from './LabelImportPlanView';

/** The reader and planner, with dcmjs: loaded when a file is chosen, not with the CT page. */
type Reader = typeof import('../../core/exchange/seg/labelObjectImport');

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly file: string }
  | {
      readonly kind: 'preview';
      readonly reader: Reader;
      readonly file: string;
      readonly object: LabelObject;
      readonly sources: readonly LabelSource[];
      readonly choices: ReadonlyMap<number, string | null>;
      readonly as: 'outlines' | 'masks';
    }
  | { readonly kind: 'finished'; readonly text: string; readonly ok: boolean; readonly imported: number };

function refusalText(t: Translate, file: string, own: SeriesItem, refusal: LabelObjectRefusal): string {
  switch (refusal.kind) {
    case 'notDicom':
      return t('labelImport.refused.notDicom', { file, detail: refusal.detail });
    case 'notLabelObject':
      return t('labelImport.refused.notLabelObject', { file, sopClass: refusal.sopClassUid || t('labelImport.refused.noSopClass') });
    case 'unreadable':
      return t('labelImport.refused.unreadable', { file, detail: refusal.detail });
    case 'otherSeries':
      return t('labelImport.refused.otherSeries', {
        file,
        series: refusal.seriesUids.join(', '),
        study: refusal.studyUid || t('labelImport.refused.noStudy'),
        own: own.seriesInstanceUid,
      });
    case 'notOnSeries':
      return t('labelImport.refused.notOnSeries', { file, detail: refusal.detail });
  }
}

type Preview = Extract<Phase, { readonly kind: 'preview' }>;

/** The plan of the file with the user's choices so far; the provenance is the reader's, the command stamps its own. */
function planOf(reader: Reader, preview: Preview, series: SeriesItem, question: Question, userId: string): Refusable<LabelImportPlan> {
  const now = new Date().toISOString();
  return reader.planLabelImport(preview.object, {
    series,
    question,
    choices: preview.choices,
    as: preview.as,
    fileName: preview.file,
    provenance: { origin: { kind: 'human' }, createdAt: now, updatedAt: now, authors: [userId] },
  });
}

/**
 * Imports a DICOM SEG or RT Structure Set made on the open series into its region question: the
 * file is read here, the plan shows each segment or ROI with its class (matched by code or name,
 * or chosen), the slices it lands on and what is refused and why; confirming adds the records as
 * one undo step, each naming the file in its provenance.
 */
export function DicomLabelImport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const runCommands = useAppStore((state) => state.runCommands);
  const userId = useAppStore((state) => state.session?.user.id ?? null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const detail = open.detail;
  const series = detail?.item.content.kind === 'series' ? detail.item.content : null;
  const question = detail?.labelSet.questions.find((q) => q.target === 'region') ?? null;

  const plan = useMemo(
    (): Refusable<LabelImportPlan> | null =>
      phase.kind === 'preview' && series && question && userId ? planOf(phase.reader, phase, series, question, userId) : null,
    [phase, series, question, userId],
  );

  if (!series) return null;
  const blocked = !isEditable(open) ? t('labelImport.notEditable') : !question ? t('labelImport.noRegionQuestion') : null;
  const busy = phase.kind === 'reading' || phase.kind === 'preview';

  async function read(file: File, regionQuestion: Question, own: SeriesItem): Promise<void> {
    setPhase({ kind: 'reading', file: file.name });
    try {
      const [reader, bytes] = await Promise.all([import('../../core/exchange/seg/labelObjectImport'), file.arrayBuffer()]);
      const object = reader.readLabelObject(new Uint8Array(bytes));
      if (!object.ok) return setPhase({ kind: 'finished', text: refusalText(t, file.name, own, object.refusal), ok: false, imported: 0 });
      const sources = reader.labelSources(object.value, regionQuestion);
      const choices = new Map(sources.flatMap((s) => (s.classCode === null ? [] : [[s.number, s.classCode] as const])));
      const preview = { kind: 'preview', reader, file: file.name, object: object.value, sources, choices, as: 'masks' } as const;
      // A file refused whole (another series) says so at once: there is nothing to choose.
      const first = userId ? planOf(reader, preview, own, regionQuestion, userId) : null;
      if (first && !first.ok) return setPhase({ kind: 'finished', text: refusalText(t, file.name, own, first.refusal), ok: false, imported: 0 });
      setPhase(preview);
    } catch (caught) {
      setPhase({ kind: 'finished', text: t('labelImport.failed', { message: caught instanceof Error ? caught.message : String(caught) }), ok: false, imported: 0 });
    }
  }

  /** `code` undefined: undecided (refused as unmapped); null: skipped. */
  function choose(number: number, code: string | null | undefined): void {
    setPhase((current) => {
      if (current.kind !== 'preview') return current;
      const choices = new Map(current.choices);
      if (code === undefined) choices.delete(number);
      else choices.set(number, code);
      return { ...current, choices };
    });
  }

  function confirm(file: string, accepted: LabelImportPlan): void {
    const outcome = runCommands([{ name: 'record/importMany', params: { records: accepted.records } }]);
    if (outcome.kind === 'notEditable') return setPhase({ kind: 'finished', text: t('labelImport.notEditable'), ok: false, imported: 0 });
    if (outcome.kind === 'refused') return setPhase({ kind: 'finished', text: t('labelImport.refusedByEditor', { reason: outcome.reason }), ok: false, imported: 0 });
    const slices = new Set(accepted.classes.flatMap((c) => c.sliceIndices)).size;
    const refused = new Set(accepted.refusals.map((r) => r.number)).size;
    const text = t('labelImport.done', { count: accepted.records.length, file, slices }) + (refused > 0 ? ` ${t('labelImport.doneRefused', { count: refused })}` : '');
    setPhase({ kind: 'finished', text, ok: true, imported: accepted.records.length });
  }

  return (
    <section className="dicom-label-import" data-testid="dicom-label-import" data-phase={phase.kind}>
      <button type="button" onClick={() => fileInput.current?.click()} disabled={busy || blocked !== null} title={blocked ?? t('labelImport.tooltip')} data-testid="dicom-label-import-open">
        {t('labelImport.open')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".dcm,application/dicom"
        hidden
        data-testid="dicom-label-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file && question && !busy && blocked === null) void read(file, question, series);
        }}
      />

      {phase.kind === 'reading' && (
        <p className="muted small" role="status">
          {t('labelImport.reading', { file: phase.file })}
        </p>
      )}

      {phase.kind === 'preview' && question && plan?.ok && (
        <LabelImportPlanView
          file={phase.file}
          kind={phase.object.kind}
          question={question}
          sources={phase.sources}
          choices={phase.choices}
          as={phase.as}
          plan={plan.value}
          onChoose={choose}
          onAs={(as) => setPhase({ ...phase, as })}
          onConfirm={() => confirm(phase.file, plan.value)}
          onCancel={() => setPhase({ kind: 'finished', text: t('labelImport.cancelled'), ok: false, imported: 0 })}
        />
      )}

      {phase.kind === 'finished' && (
        <p className={phase.ok ? 'notice' : 'error'} role={phase.ok ? 'status' : 'alert'} data-testid="dicom-label-import-summary" data-imported={phase.imported}>
          {phase.text}
        </p>
      )}
    </section>
  );
}
