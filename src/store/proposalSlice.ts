/**
 * Model proposals on the open item: the models that apply to it, one run at a time (its progress,
 * cancel), the confidence threshold per question, and the decisions on what is shown. Proposals
 * enter the document through `proposal/addMany` as the run streams them (one undo step each);
 * accepting and rejecting are ordinary undoable commands.
 */
import type { StateCreator } from 'zustand';
import type { ProposalDecision } from '../core/annotation';
import type { ModelManifest } from '../core/models/manifest';
import type { ModelInput, ModelPrompt, PromptTarget } from '../core/models/modelInput';
import type { ProposalDraft } from '../core/models/proposalDraft';
import { modelRunOf } from '../core/models/modelRun';
import { newId } from '../core/ids';
import type { ConfidenceThresholds } from '../core/proposalFilter';
import { manifestItemKind, type AvailableModel, type ProposalServices } from '../inference/proposalServices';
import type { FrameRunScope } from '../inference/frameInputs';
import { runFailureOf, type RunFailure } from '../inference/runFailure';
import { startProposalRun, type ProposalRun, type ProposalRunState, type RunInput } from '../inference/runController';
import type { AppState } from './appState';
import { toAppError, type AppError } from './loadError';
import type { CommandOutcome } from './openItemSlice';

/** What a run was asked to cover: the series, the slide's visible region, the whole slide, or frames of a frame set. */
export type RunScope = 'series' | 'visibleRegion' | 'wholeSlide' | FrameRunScope;

export interface ActiveRun extends ProposalRunState {
  readonly scope: RunScope;
  readonly modelName: string;
}

/** What one click-prompt gave: the outline proposed (its id), nothing at the click, or why it failed. */
export type PromptOutcome = { readonly kind: 'outlined'; readonly id: string } | { readonly kind: 'nothing' } | { readonly kind: 'failed'; readonly failure: RunFailure };

export interface PromptRequest {
  /** A promptable model (click to outline). */
  readonly manifest: ModelManifest;
  /** The pixels around the prompts, read when the runtime takes the job. */
  readonly read: () => Promise<ModelInput>;
  readonly prompts: readonly ModelPrompt[];
  /** The question and class the person chose: what the outline answers. */
  readonly target: PromptTarget;
  /** The outline the same prompts proposed before one more click: replaced by the new one. */
  readonly replaces?: readonly string[];
}

export interface ProposalPanel {
  readonly itemId: string;
  /** null while the list loads. */
  readonly models: readonly AvailableModel[] | null;
  readonly modelsError: AppError | null;
  /** The current or last run on this item. */
  readonly run: ActiveRun | null;
  readonly thresholds: ConfidenceThresholds;
}

export interface ProposalSlice {
  proposals: ProposalPanel | null;
  /** Lists the models that apply to the open item (none when the app has no inference services). */
  loadModels(): Promise<void>;
  /** Starts a run (one at a time); refused when the item is not editable or a run is going. */
  runModel(manifest: ModelManifest, inputs: readonly RunInput[], scope: RunScope): boolean;
  cancelRun(): void;
  /** One outline from a click-prompt, run ahead of any batch; it enters as a pending proposal. */
  promptOutline(request: PromptRequest): Promise<PromptOutcome>;
  /** Shows only proposals of `questionId` scoring at least `threshold` (nothing is re-run or deleted). */
  setConfidence(questionId: string, threshold: number): void;
  /** Accepts or rejects these proposals as one undo step. */
  decideProposals(ids: readonly string[], decision: Extract<ProposalDecision, 'accepted' | 'rejected'>): CommandOutcome;
  /** Leaves the panel: cancels a run still going. */
  closeProposals(): void;
}

export const createProposalSlice =
  (services: { readonly proposals?: ProposalServices }): StateCreator<AppState, [], [], ProposalSlice> =>
  (set, get) => {
    let current: ProposalRun | null = null;

    function patch(itemId: string, change: Partial<ProposalPanel>): void {
      set((state) => (state.proposals?.itemId === itemId ? { proposals: { ...state.proposals, ...change } } : {}));
    }

    return {
      proposals: null,

      async loadModels() {
        const open = get().openItem;
        if (!open?.detail) return;
        const itemId = open.itemId;
        if (get().proposals?.itemId !== itemId) set({ proposals: { itemId, models: null, modelsError: null, run: null, thresholds: {} } });
        const registry = services.proposals;
        if (!registry) {
          patch(itemId, { models: [] });
          return;
        }
        try {
          const models = await registry.listModels({ labelSetId: open.detail.labelSet.id, itemKind: manifestItemKind(open.detail.item.content.kind) });
          patch(itemId, { models, modelsError: null });
        } catch (error) {
          patch(itemId, { models: [], modelsError: toAppError(error) });
        }
      },

      runModel(manifest, inputs, scope) {
        const panel = get().proposals;
        const registry = services.proposals;
        if (!panel || !registry || panel.run?.status === 'running' || inputs.length === 0) return false;
        if (get().openItem?.itemId !== panel.itemId) return false;
        const itemId = panel.itemId;
        const run = modelRunOf(manifest, newId());
        current = startProposalRun({
          client: registry.inference(),
          manifest,
          run,
          inputs,
          apply: (drafts, covered) => {
            if (drafts.length === 0 && !covered) return 0;
            if (get().openItem?.itemId !== itemId) throw new Error('the item was closed');
            const outcome = get().addProposals({ run, drafts, ...(covered ? { covered } : {}) });
            if (outcome.kind === 'notEditable') throw new Error('the item no longer accepts changes');
            if (outcome.kind === 'refused') throw new Error(outcome.reason);
            return drafts.length;
          },
          onState: (state) => patch(itemId, { run: { ...state, scope, modelName: manifest.name } }),
        });
        return true;
      },

      cancelRun() {
        current?.cancel();
      },

      async promptOutline({ manifest, read, prompts, target, replaces }) {
        const registry = services.proposals;
        const itemId = get().openItem?.itemId;
        if (!registry || !itemId) return { kind: 'failed', failure: { kind: 'runtime.backend_unavailable', detail: 'this page has no model runtime' } };
        const run = modelRunOf(manifest, newId());
        let drafts: readonly ProposalDraft[] = [];
        try {
          const handle = registry.inference().run({ manifest, inputs: [read], priority: 'interactive', prompts, target, onProposals: (_target, found) => (drafts = found) });
          await handle.finished;
        } catch (error) {
          return { kind: 'failed', failure: runFailureOf(error) };
        }
        if (get().openItem?.itemId !== itemId) return { kind: 'failed', failure: { kind: 'runtime.cancelled', detail: 'the item was closed' } };
        if (drafts.length === 0 && !replaces?.length) return { kind: 'nothing' };
        const outcome = get().addProposals({ run, drafts, ...(replaces?.length ? { replaces } : {}) });
        if (outcome.kind === 'notEditable') return { kind: 'failed', failure: { kind: 'refused', detail: 'the item no longer accepts changes' } };
        if (outcome.kind === 'refused') return { kind: 'failed', failure: { kind: 'refused', detail: outcome.reason } };
        const [id] = outcome.added;
        return id ? { kind: 'outlined', id } : { kind: 'nothing' };
      },

      setConfidence(questionId, threshold) {
        const panel = get().proposals;
        if (!panel || !Number.isFinite(threshold)) return;
        patch(panel.itemId, { thresholds: { ...panel.thresholds, [questionId]: Math.min(1, Math.max(0, threshold)) } });
      },

      decideProposals(ids, decision) {
        if (ids.length === 0) return { kind: 'done' };
        return get().runCommands([{ name: decision === 'accepted' ? 'proposal/accept' : 'proposal/reject', params: { ids } }]);
      },

      closeProposals() {
        current?.cancel();
        current = null;
        set({ proposals: null });
      },
    };
  };
