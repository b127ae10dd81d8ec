import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ModelManifest } from '../../core/models/manifest';
import { useLanguage, useT } from '../../i18n';
import type { RunInput } from '../../inference/runController';
import { RUN_FAILURE_MESSAGES } from '../../inference/runFailure';
import { appStore, isEditable, useAppStore, type OpenItem } from '../../store';
import type { ActiveRun, RunScope } from '../../store/proposalSlice';
import { getProposeOnOpen, setProposeOnOpen, useProposeOnOpen } from './proposeOnOpen';
import './ProposalPanel.css';

/** One way to run a model here: what it covers and how to read its inputs (called when the button is pressed). */
export interface RunChoice {
  readonly scope: RunScope;
  readonly inputs: (manifest: ModelManifest) => readonly RunInput[];
  /** Whether it runs by itself as the item opens, for a reader who asked for that (asked once per opening). */
  readonly onOpen?: () => boolean;
}

/**
 * The AI panel of a reading page: the models that apply to the item, each shown as what it is
 * (name, version, demonstration model, its evaluation), buttons to run one, the run's progress
 * with time left and Cancel, a confidence slider per question, and the shown proposals' count with
 * "accept / reject all shown". The page stays usable meanwhile: inference runs in a worker.
 */
export function ProposalPanel({
  open,
  choices,
  shownCount,
  onDecideAll,
  refusal,
}: {
  readonly open: OpenItem;
  readonly choices: readonly RunChoice[];
  /** Proposals shown now (above the sliders) that "all shown" would decide. */
  readonly shownCount: number;
  readonly onDecideAll: (decision: 'accepted' | 'rejected') => void;
  /** Why the last decision could not be taken, when it could not. */
  readonly refusal: string | null;
}) {
  const t = useT();
  const [language] = useLanguage();
  const actions = appStore().getState();
  const panel = useAppStore((state) => (state.proposals?.itemId === open.itemId ? state.proposals : null));
  const editable = isEditable(open);
  const hasDetail = open.detail !== null;

  useEffect(() => {
    if (hasDetail) void appStore().getState().loadModels();
  }, [open.itemId, hasDetail]);
  useEffect(() => () => appStore().getState().closeProposals(), [open.itemId]);

  const listed = panel?.models ?? null;
  // Click-to-outline models answer a click of the slide's tool (W), not a run over the item.
  const models = useMemo(() => listed?.filter(({ manifest }) => manifest.task !== 'promptableSegmentation') ?? null, [listed]);
  const clickModels = useMemo(() => listed?.filter(({ manifest }) => manifest.task === 'promptableSegmentation') ?? [], [listed]);
  const questions = useMemo(() => {
    const ids = new Set((models ?? []).flatMap((m) => m.manifest.outputsToLabels.map((o) => o.questionId)));
    return open.detail?.labelSet.questions.filter((q) => ids.has(q.id)) ?? [];
  }, [models, open.detail]);
  const run = panel?.run ?? null;
  const running = run?.status === 'running';
  /** Why a run could not start (the slide has no µm per pixel, the model reads no slides…). */
  const [startError, setStartError] = useState<string | null>(null);
  const start = (manifest: ModelManifest, choice: RunChoice) => {
    try {
      setStartError(null);
      actions.runModel(manifest, choice.inputs(manifest), choice.scope);
    } catch (error) {
      setStartError(error instanceof Error ? error.message : String(error));
    }
  };

  const proposeOnOpen = useProposeOnOpen();
  const onOpenChoice = choices.find((choice) => choice.onOpen);
  /** The item whose opening was considered for a run: once per opening, never again after the reader's own decisions. */
  const considered = useRef<string | null>(null);
  const ready = open.status === 'ready';
  useEffect(() => {
    if (models === null || !ready || considered.current === open.itemId) return;
    considered.current = open.itemId;
    const first = models[0];
    if (getProposeOnOpen() && editable && onOpenChoice?.onOpen?.() && first && !running) start(first.manifest, onOpenChoice);
    // Decided once per opening, when the models and the records are in: later changes do not re-run it.
  }, [models, ready, open.itemId]);

  return (
    <section className="proposal-panel" data-testid="proposal-panel" data-ready={models !== null ? 'true' : 'false'} aria-label={t('proposals.panel')}>
      <h2>{t('proposals.panel')}</h2>
      {models === null && <p className="muted small">{t('proposals.loading')}</p>}
      {panel?.modelsError && (
        <p className="error" role="alert">
          {t('proposals.listFailed')}
        </p>
      )}
      {listed !== null && listed.length === 0 && !panel?.modelsError && <p className="muted small">{t('proposals.none')}</p>}
      {models?.map(({ manifest, builtin }) => (
        <ModelCard key={manifest.id} manifest={manifest} builtin={builtin}>
          <div className="proposal-actions">
            {choices.map((choice) => (
              <button
                key={choice.scope}
                type="button"
                data-testid={`proposal-run-${choice.scope}-${manifest.id}`}
                disabled={!editable || running}
                onClick={() => start(manifest, choice)}
              >
                {t(`proposals.run.${choice.scope}`)}
              </button>
            ))}
          </div>
        </ModelCard>
      ))}
      {clickModels.map(({ manifest, builtin }) => (
        <ModelCard key={manifest.id} manifest={manifest} builtin={builtin}>
          <p className="small">{t('clickOutline.how')}</p>
        </ModelCard>
      ))}
      {models !== null && models.length > 0 && choices.some((choice) => choice.scope === 'series') && (
        <label className="proposal-on-open small">
          <input type="checkbox" checked={proposeOnOpen} data-testid="proposal-on-open" onChange={(event) => setProposeOnOpen(event.target.checked)} />
          {t('proposals.onOpen')}
        </label>
      )}
      {models !== null && models.length > 0 && !editable && <p className="muted small">{t('proposals.notEditable')}</p>}
      {startError && (
        <p className="error" role="alert" data-testid="proposal-start-error">
          {t('proposals.cannotStart', { reason: startError })}
        </p>
      )}
      {run && <RunStatus run={run} onCancel={actions.cancelRun} />}
      {questions.map((question) => {
        const threshold = panel?.thresholds[question.id] ?? 0;
        const percent = Math.round(threshold * 100);
        const label = t('proposals.confidence', { percent, question: question.name[language] });
        return (
          <label key={question.id} className="proposal-confidence">
            <span className="small">{label}</span>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={percent}
              data-testid={`proposal-confidence-${question.id}`}
              aria-label={label}
              onChange={(event) => actions.setConfidence(question.id, Number(event.target.value) / 100)}
            />
          </label>
        );
      })}
      {questions.length > 0 && (
        <>
          <p className="small" data-testid="proposal-shown" data-count={shownCount}>
            {t('proposals.shown', { count: shownCount })}
          </p>
          <div className="proposal-actions">
            <button type="button" data-testid="proposal-accept-all" disabled={!editable || shownCount === 0} onClick={() => onDecideAll('accepted')}>
              {t('proposals.acceptAll')} <kbd>Shift+A</kbd>
            </button>
            <button type="button" data-testid="proposal-reject-all" disabled={!editable || shownCount === 0} onClick={() => onDecideAll('rejected')}>
              {t('proposals.rejectAll')} <kbd>Shift+X</kbd>
            </button>
          </div>
        </>
      )}
      {refusal && (
        <p className="error" role="alert" data-testid="proposal-refused" data-detail={refusal}>
          {t('proposals.refused', { reason: refusal })}
        </p>
      )}
    </section>
  );
}

/** A model as what it is: name, version, whether it is a demonstration, what it does, its evaluation; then how to use it. */
function ModelCard({ manifest, builtin, children }: { readonly manifest: ModelManifest; readonly builtin: boolean; readonly children: ReactNode }) {
  const t = useT();
  return (
    <article className="proposal-model" data-testid={`proposal-model-${manifest.id}`}>
      <h3>
        {manifest.name} <span className="muted small">{t('proposals.version', { version: manifest.version })}</span>
      </h3>
      {builtin && <p className="proposal-demo small">{t('proposals.demonstration')}</p>}
      <p className="small">{manifest.description}</p>
      {manifest.evaluation && <p className="muted small">{t('proposals.evaluation', { summary: manifest.evaluation.summary })}</p>}
      {children}
    </article>
  );
}

function RunStatus({ run, onCancel }: { readonly run: ActiveRun; readonly onCancel: () => void }) {
  const t = useT();
  const model = run.modelName;
  const percent = run.total > 0 ? Math.round((100 * run.done) / run.total) : 0;
  return (
    <div className="proposal-run" data-testid="proposal-progress" data-status={run.status} data-done={run.done} data-total={run.total} data-proposals={run.proposals}>
      {run.status === 'running' && (
        <>
          <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={run.total} aria-valuenow={run.done} aria-label={t('proposals.progress', { model, done: run.done, total: run.total })}>
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="small" aria-live="polite">
            {t('proposals.progress', { model, done: run.done, total: run.total })}
            {run.msLeft !== undefined && <> · {t('proposals.timeLeft', { seconds: Math.ceil(run.msLeft / 1000) })}</>}
          </p>
          <button type="button" data-testid="proposal-cancel" onClick={onCancel}>
            {t('proposals.cancel')}
          </button>
        </>
      )}
      {run.status === 'finished' && <p className="small" role="status">{t('proposals.finished', { model, count: run.proposals })}</p>}
      {run.status === 'cancelled' && <p className="small" role="status">{t('proposals.cancelled', { model, done: run.done, total: run.total })}</p>}
      {run.status === 'failed' && (
        <p className="error" role="alert">
          {t('proposals.failed', { model, reason: run.failure ? t(RUN_FAILURE_MESSAGES[run.failure.kind]) : '' })}
        </p>
      )}
      {run.status === 'failed' && run.failure && (
        <p className="muted small" data-testid="proposal-failure-detail">
          {run.failure.detail}
        </p>
      )}
    </div>
  );
}
