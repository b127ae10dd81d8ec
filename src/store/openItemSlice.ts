/**
 * The item being read and labelled. Its annotations have one copy, the core `DocumentEditor`'s
 * `RecordStore`; the store keeps a reference to it and its `changes` counter (views re-render
 * when it moves), never a copy. Every local change (command, undo, redo, proposal) reaches the
 * sync engine as its diff, O(diff); records changed elsewhere enter through `applyRemote`,
 * outside undo.
 */
import type { StateCreator } from 'zustand';
import type { AnnotationRecord } from '../core/annotation';
import type { ItemDetail } from '../core/api';
import type { RecordDiff } from '../core/diff';
import { CommandError, type CommandParams } from '../core/commands/types';
import { DocumentEditor, runToolCommands } from '../core/documentEditor';
import type { ToolCommand } from '../core/tools/tool';
import { canAnnotatorEdit } from '../core/itemState';
import { isLabelQuestion, type Question } from '../core/labelSet';
import type { RecordStore } from '../core/recordStore';
import { planLabel } from '../core/seenTargets';
import { ItemTargets } from '../core/targets';
import { NetworkError } from '../data/api';
import { newOpId } from '../data/opId';
import type { ConflictChoice, ItemSyncState, RecordConflict, SyncEngine, SyncEvent } from '../data/syncEngine';
import type { ReadingRow } from '../data/db';
import type { AppState } from './appState';
import { DraftWrites } from './draftWrites';
import { isUnauthorized, toAppError, type AppError } from './loadError';
import type { AppServices } from './services';
import { ReadingKeeper } from './readingKeeper';
import { ShownSliceCopier } from '../data/shownSliceCopy';
import { advanceAfterLabel, clampIndex, firstTouchedIndex, moveCursor, targetRange, type SliceSelection } from './sliceCursor';
import { whenIdle } from './whenIdle';

/** A window the reader chose (modality units: HU for CT). */
export interface ReadingWindow {
  readonly width: number;
  readonly center: number;
}

function sameWindow(a: ReadingWindow | null, b: ReadingWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.width === b.width && a.center === b.center);
}

/**
 * What a label key or button did. `notDisplayed`: nothing, the current slice is not on screen;
 * `ask`: nothing yet, the range holds slices never displayed (`unseen` of `total`).
 */
export type LabelOutcome =
  | { readonly kind: 'labelled' }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'notDisplayed' }
  | { readonly kind: 'ask'; readonly unseen: number; readonly total: number };

/** What `runCommands` did: `refused` carries the command's reason (an unknown record, a bad class…). */
export type CommandOutcome = { readonly kind: 'done' } | { readonly kind: 'notEditable' } | { readonly kind: 'refused'; readonly reason: string };
/** A model step's outcome: the ids of the proposals it added, when it ran. */
export type ProposalOutcome = { readonly kind: 'done'; readonly added: readonly string[] } | Exclude<CommandOutcome, { readonly kind: 'done' }>;

/** For a range with slices never displayed: label only the displayed ones, or all of them. */
export type UnseenChoice = 'seenOnly' | 'all';

export interface OpenItem {
  readonly itemId: string;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: AppError | null;
  /** Set as soon as it arrives, before the records (status still 'loading'): the page starts loading the viewer meanwhile. */
  readonly detail: ItemDetail | null;
  /** The editor's records and indexes (the one copy of the document; read it, never change it). */
  readonly document: RecordStore | null;
  /** `document.changes` when last seen: views that read the document depend on it. */
  readonly changes: number;
  /** Slices or frames carrying a label (the document's own count, O(1)). */
  readonly labelled: number;
  /** The question the keys and buttons answer: the label set's first label question. */
  readonly question: Question | null;
  readonly targetIds: readonly string[];
  readonly sliceIndex: number;
  readonly selection: SliceSelection | null;
  /** The slice whose image is on screen now (the viewer says so once it is drawn); null while none is. */
  readonly displayedIndex: number | null;
  /** Targets whose image was displayed to this reader (kept on this device). */
  readonly seen: ReadonlySet<string>;
  /** The window the reader chose, restored on reopening; null: each slice's own. */
  readonly window: ReadingWindow | null;
  readonly sync: ItemSyncState | null;
  /** Records changed both here and elsewhere, each waiting for the user's choice. */
  readonly conflicts: readonly RecordConflict[];
  /** Local changes whose IndexedDB write has not committed yet. */
  readonly savingLocal: number;
  /** An IndexedDB write failed: the change lives only in memory. */
  readonly localSaveError: string | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly submitting: boolean;
  readonly submitError: AppError | null;
}

export interface OpenItemSlice {
  openItem: OpenItem | null;
  /** Loads an item (from the server, or the offline cache) and its local records. */
  openItemById(itemId: string): Promise<void>;
  closeItem(): void;
  /** Moves to a slice; with `extend` the range selection grows (Shift+click, Shift+arrows). */
  goToSlice(index: number, options?: { readonly extend?: boolean }): void;
  stepSlice(delta: number, options?: { readonly extend?: boolean }): void;
  /**
   * Labels the current slice (or the selected range) with a class and advances past it. Only a
   * displayed slice is labelled; a range with slices never displayed is labelled only with
   * `unseen` saying what to do with them.
   */
  applyLabel(classCode: string, unseen?: UnseenChoice): LabelOutcome;
  /** The viewer drew slice `index` (null: the current slice is not on screen). */
  markDisplayed(index: number | null): void;
  /** The reader chose a window (null: back to each slice's own). */
  chooseWindow(window: ReadingWindow | null): void;
  /** Removes the labels of the current slice or the selected range. */
  clearLabels(): void;
  /**
   * Runs editing commands (a tool's outline, a class change, an import) as one undo step. Nothing
   * changes when the item is not editable or a command is refused (`CommandError`: its message).
   */
  runCommands(commands: readonly ToolCommand[]): CommandOutcome;
  /** One step of a model run: its proposals enter the document outside undo (see DocumentEditor.proposeRun). */
  addProposals(params: CommandParams['proposal/addMany']): ProposalOutcome;
  undo(): void;
  redo(): void;
  /** Submits the item once everything is synced; answers whether it was submitted. */
  submitItem(): Promise<boolean>;
  /** Settles conflicting records, each as chosen (keep mine / take theirs). */
  resolveConflicts(choices: ReadonlyMap<string, ConflictChoice>): Promise<void>;
  /** Resolves once every local change of the open item is in IndexedDB. */
  whenSavedLocally(): Promise<void>;
  handleSyncEvent(event: SyncEvent): void;
}

/** An item whose detail and records are being loaded. */
export function loadingItem(itemId: string): OpenItem {
  return {
    itemId,
    status: 'loading',
    error: null,
    detail: null,
    document: null,
    changes: 0,
    labelled: 0,
    question: null,
    targetIds: [],
    sliceIndex: 0,
    selection: null,
    displayedIndex: null,
    seen: new Set(),
    window: null,
    sync: null,
    conflicts: [],
    savingLocal: 0,
    localSaveError: null,
    canUndo: false,
    canRedo: false,
    submitting: false,
    submitError: null,
  };
}

/** Where this reader was in an item on this device (else its first slice, nothing seen, the files' own window). */
function readingPlace(reading: ReadingRow | undefined, count: number): Pick<OpenItem, 'sliceIndex' | 'seen' | 'window'> {
  return { sliceIndex: reading ? clampIndex(reading.sliceIndex, count) : 0, seen: new Set(reading?.seen ?? []), window: reading?.window ?? null };
}

function movedSince(open: OpenItem | null, place: Pick<OpenItem, 'sliceIndex' | 'seen' | 'window'>): boolean {
  return open !== null && (open.sliceIndex !== place.sliceIndex || open.seen.size !== place.seen.size || open.window !== place.window);
}

/** Whether the open item accepts edits now (loaded, assigned to the caller, not submitted or approved). */
export function isEditable(openItem: OpenItem | null): boolean {
  const state = openItem?.status === 'ready' ? openItem.detail?.state : null;
  return state !== null && state !== undefined && canAnnotatorEdit(state);
}

/**
 * A key's record rows wait, after its next slice or frame is shown, this long without a change
 * (ms): the next key of a reader going frame by frame comes within it and joins the write
 * (see DraftWrites), so rows, sync state and sending run in the reader's pauses, not beside the
 * keys. The change itself is in the journal from the key's own task.
 */
const QUIET_MS = 200;
/** The longest wait for the current image to be shown before a write goes on anyway (ms). */
const SHOWN_WAIT_MS = 1000;

export const createOpenItemSlice =
  (services: AppServices): StateCreator<AppState, [], [], OpenItemSlice> =>
  (set, get, store) => {
    let editor: DocumentEditor | null = null;
    let detachEditor: (() => void) | null = null;
    let saveChain: Promise<void> = Promise.resolve();
    /** Bumped by every open/close, so a load that was overtaken (StrictMode, quick navigation) stops. */
    let generation = 0;
    const drafts = new DraftWrites(() => get().engine, enqueue, async () => {
      await whenShown();
      await whenIdle({ quietMs: QUIET_MS });
    });
    /** Records of the open item with a local change not yet in IndexedDB: remote copies wait for it. */
    const unsaved = drafts.unsaved;
    /** Remote records heard while the item was loading, applied once its editor exists. */
    let heardWhileLoading: ReadonlyMap<string, AnnotationRecord | null>[] = [];
    const readings = new ReadingKeeper(services.db);
    /** The early script's copy of the shown slice: noted per step, written on leaving the item or the page. */
    const shownSlices = new ShownSliceCopier();

    /** Keeps the reader's place and what they have seen, for the next visit. */
    function keepReading(): void {
      const open = get().openItem;
      const userId = get().session?.user.id;
      if (!open || open.status !== 'ready' || !userId) return;
      readings.keep({ itemId: open.itemId, userId, seen: open.seen, sliceIndex: open.sliceIndex, window: open.window });
      shownSlices.note(userId, open.itemId, open.detail?.item.content, open.sliceIndex, open.window);
    }

    /**
     * Resolves once the open item's current slice or frame is on screen: at once where the page
     * does not say what it shows (`displayedIndex` null: a slide), at the latest after `SHOWN_WAIT_MS`
     * (an image that never loads).
     */
    function whenShown(): Promise<void> {
      const shown = () => {
        const open = get().openItem;
        return !open || open.displayedIndex === null || open.displayedIndex === open.sliceIndex;
      };
      if (shown()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stop();
          resolve();
        };
        const timer = setTimeout(done, SHOWN_WAIT_MS);
        const stop = store.subscribe(() => {
          if (shown()) done();
        });
      });
    }

    /**
     * A change that alters nothing keeps the open item as it is: the reading room, which renders
     * from it, is not rendered again (a sync state or conflict list read back unchanged).
     */
    function patch(itemId: string, change: Partial<OpenItem> | ((open: OpenItem) => Partial<OpenItem>)): void {
      const open = get().openItem;
      if (open?.itemId !== itemId) return;
      const next = typeof change === 'function' ? change(open) : change;
      if (changesNothing(open, next)) return;
      set({ openItem: { ...open, ...next } });
    }

    /** Runs IndexedDB work for the open item in order, after every change queued before it. */
    function enqueue(itemId: string, work: (engine: SyncEngine) => Promise<void>): Promise<void> {
      const engine = get().engine;
      if (!engine) return Promise.resolve();
      patch(itemId, (open) => ({ savingLocal: open.savingLocal + 1 }));
      const run = saveChain.then(() => work(engine));
      saveChain = run.then(
        () => patch(itemId, (open) => ({ savingLocal: open.savingLocal - 1 })),
        (error: unknown) => patch(itemId, (open) => ({ savingLocal: open.savingLocal - 1, localSaveError: String(error) })),
      );
      return run;
    }

    function attach(itemId: string, next: DocumentEditor, total: number): void {
      detachEditor?.();
      editor = next;
      detachEditor = next.subscribe((diff, origin) => {
        patch(itemId, { changes: next.store.changes, labelled: next.store.labelledTargets, canUndo: next.canUndo, canRedo: next.canRedo });
        if (origin !== 'remote') drafts.save(itemId, diff, { labelled: next.store.labelledTargets, total });
      });
    }

    /**
     * Records changed elsewhere, already in IndexedDB. One with a local change still on its way
     * there is left as the user has it: that save finds the newer copy and keeps both (conflict).
     */
    function takeRemote(itemId: string, records: ReadonlyMap<string, AnnotationRecord | null>): void {
      if (get().openItem?.itemId !== itemId) return;
      if (!editor) {
        heardWhileLoading.push(records);
        return;
      }
      editor.applyRemote(unsaved.without(records));
    }

    async function loadDetail(itemId: string): Promise<ItemDetail> {
      try {
        const detail = await services.api.getItem(itemId);
        // Kept for offline opens, not waited for: the viewer starts on the detail (first screen).
        services.db.itemDetails.put({ itemId, detail, cachedAt: Date.now() }).catch(() => undefined);
        return detail;
      } catch (error) {
        const cached = error instanceof NetworkError ? await services.db.itemDetails.get(itemId) : undefined;
        if (cached) return cached.detail;
        throw error;
      }
    }

    /** Re-reads the conflicting records, in order with the saves (the latest read wins). */
    function refreshConflicts(itemId: string): Promise<void> {
      const read = saveChain.then(async () => {
        const conflicts = (await get().engine?.conflictsOf(itemId)) ?? [];
        // None before, none now (every open): no new item object, no render of the reading room.
        if (conflicts.length === 0 && get().openItem?.conflicts.length === 0) return;
        patch(itemId, { conflicts });
      });
      saveChain = read.catch(() => undefined);
      return read;
    }

    /** Undo and redo show the slice their change touched; the window stays as it is. */
    function showChange(diff: RecordDiff | null): void {
      const open = get().openItem;
      if (!diff || !open) return;
      const touched = Object.values(diff).flatMap(([before, after]) => {
        const record = after ?? before;
        return record ? [record.targetId] : [];
      });
      const index = firstTouchedIndex(open.targetIds, touched);
      if (index !== null) get().goToSlice(index);
    }

    function editTargets(): string[] | null {
      const open = get().openItem;
      if (!editor || !open || !isEditable(open)) return null;
      const [first, last] = targetRange({ index: open.sliceIndex, selection: open.selection });
      return open.targetIds.slice(first, last + 1);
    }

    return {
      openItem: null,

      async openItemById(itemId) {
        if (get().openItem?.itemId === itemId && get().openItem?.status !== 'error') return;
        get().closeItem();
        const mine = ++generation;
        set({ openItem: loadingItem(itemId) });
        try {
          const engine = get().engine;
          const session = get().session;
          if (!engine || !session) throw new Error('not logged in');
          // Read beside the detail's round trip: a series' viewer opens on the reader's slice.
          const readingRead = readings.read(itemId, session.user.id).catch(() => undefined);
          const detail = await loadDetail(itemId);
          // Overtaken: closeItem has already released this item, so holding it now would leak.
          if (generation !== mine) return;
          const { labelSet } = detail;
          const targets = new ItemTargets(detail.item);
          const question = labelSet.questions.find(isLabelQuestion) ?? null;
          // A series gets, with its detail, all its first slice needs (the slice, the window, the
          // targets the viewer marks seen, the label buttons): its reading room mounts then, and
          // the slice loads while the records do (see ItemPage).
          const placedEarly = detail.item.content.kind === 'series';
          const reading = placedEarly ? await readingRead : undefined;
          if (generation !== mine) return;
          patch(itemId, placedEarly ? { detail, question, targetIds: targets.order, ...readingPlace(reading, targets.order.length) } : { detail });
          engine.hold(itemId);
          const records = await engine.open(itemId, { labelSetId: labelSet.id, labelSetVersion: labelSet.version });
          if (generation !== mine) return;
          // The place set early stays as the reader may have moved it since; others take it now.
          const place = placedEarly ? {} : readingPlace(await readingRead, targets.order.length);
          if (generation !== mine) return;
          const key = { itemId, annotatorId: session.user.id, labelSetId: labelSet.id, labelSetVersion: labelSet.version };
          const next = new DocumentEditor({ key, records, labelSet, targets, userId: session.user.id });
          attach(itemId, next, targets.order.length);
          for (const heard of heardWhileLoading.splice(0)) next.applyRemote(unsaved.without(heard));
          patch(itemId, {
            status: 'ready',
            detail,
            document: next.store,
            changes: next.store.changes,
            labelled: next.store.labelledTargets,
            question,
            targetIds: targets.order,
            ...place,
            sync: engine.stateOf(itemId) ?? null,
            canUndo: false,
            canRedo: false,
          });
          // Where the reader moved and what was displayed while the records loaded is kept now (keepReading waits for 'ready').
          if (placedEarly && movedSince(get().openItem, readingPlace(reading, targets.order.length))) keepReading();
          await refreshConflicts(itemId);
          // Writes refused while the item was locked go out once it accepts edits again (returned).
          if (isEditable(get().openItem)) await engine.retryLocked(itemId);
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          else if (generation === mine) patch(itemId, { status: 'error', error: toAppError(error) });
        }
      },

      closeItem() {
        shownSlices.write();
        generation += 1;
        const open = get().openItem;
        if (open) get().engine?.release(open.itemId);
        detachEditor?.();
        detachEditor = null;
        editor = null;
        heardWhileLoading = [];
        set({ openItem: null });
      },

      goToSlice(index, options = {}) {
        const open = get().openItem;
        if (!open || open.targetIds.length === 0) return;
        const cursor = moveCursor({ index: open.sliceIndex, selection: open.selection }, index, options.extend ?? false, open.targetIds.length);
        if (cursor.index === open.sliceIndex && cursor.selection === open.selection) return;
        patch(open.itemId, { sliceIndex: cursor.index, selection: cursor.selection });
        keepReading();
      },

      stepSlice(delta, options = {}) {
        const open = get().openItem;
        if (open) get().goToSlice(open.sliceIndex + delta, options);
      },

      applyLabel(classCode, unseen) {
        const range = editTargets();
        const open = get().openItem;
        if (!range || !editor || !open?.question) return { kind: 'ignored' };
        const displayed = open.displayedIndex === null ? null : (open.targetIds[open.displayedIndex] ?? null);
        const plan = planLabel(range, displayed, open.seen);
        if (plan.kind === 'notDisplayed') return plan;
        if (plan.kind === 'ask' && !unseen) return { kind: 'ask', unseen: plan.unseen.length, total: range.length };
        const targetIds = plan.kind === 'ask' && unseen === 'seenOnly' ? plan.seen : range;
        const questionId = open.question.id;
        if (targetIds.length === 1) editor.execute('targetLabel/set', { questionId, targetId: targetIds[0] as string, classCode });
        else if (targetIds.length > 1) editor.execute('targetLabel/setRange', { questionId, targetIds, classCode });
        const cursor = advanceAfterLabel({ index: open.sliceIndex, selection: open.selection }, open.targetIds.length);
        patch(open.itemId, { sliceIndex: cursor.index, selection: cursor.selection });
        keepReading();
        return { kind: 'labelled' };
      },

      markDisplayed(index) {
        const open = get().openItem;
        if (!open || open.displayedIndex === index) return;
        const targetId = index === null ? undefined : open.targetIds[index];
        const unseen = targetId !== undefined && !open.seen.has(targetId);
        patch(open.itemId, { displayedIndex: index, ...(unseen ? { seen: new Set(open.seen).add(targetId) } : {}) });
        if (unseen) keepReading();
      },

      chooseWindow(window) {
        const open = get().openItem;
        if (!open) return;
        if (sameWindow(window, open.window)) return;
        patch(open.itemId, { window });
        keepReading();
      },

      clearLabels() {
        const targetIds = editTargets();
        const questionId = get().openItem?.question?.id;
        if (targetIds && editor && questionId) editor.execute('targetLabel/clear', { questionId, targetIds });
      },

      runCommands(commands) {
        if (!editor || !isEditable(get().openItem)) return { kind: 'notEditable' };
        const refusal = runToolCommands(editor, commands);
        return refusal === null ? { kind: 'done' } : { kind: 'refused', reason: refusal };
      },

      addProposals(params) {
        if (!editor || !isEditable(get().openItem)) return { kind: 'notEditable' };
        try {
          const diff = editor.proposeRun(params);
          return { kind: 'done', added: Object.entries(diff).flatMap(([id, [before, after]]) => (before === null && after !== null ? [id] : [])) };
        } catch (error) {
          if (!(error instanceof CommandError)) throw error;
          return { kind: 'refused', reason: error.message };
        }
      },

      undo() {
        if (isEditable(get().openItem)) showChange(editor?.undo() ?? null);
      },

      redo() {
        if (isEditable(get().openItem)) showChange(editor?.redo() ?? null);
      },

      async submitItem() {
        const open = get().openItem;
        const engine = get().engine;
        if (!open || !engine || !isEditable(open) || open.submitting) return false;
        await get().whenSavedLocally();
        const sync = get().openItem?.sync;
        if (!sync || sync.status !== 'synced' || sync.pending > 0) return false;
        patch(open.itemId, { submitting: true, submitError: null });
        try {
          // The revision submitted is the server's latest, every op of it taken in here.
          await engine.catchUpItem(open.itemId);
          const revision = engine.stateOf(open.itemId)?.revision ?? sync.revision;
          const { state } = await services.api.submit(open.itemId, revision, newOpId());
          const detail = get().openItem?.detail;
          if (detail) {
            const next = { ...detail, state };
            patch(open.itemId, { detail: next, submitting: false });
            await services.db.itemDetails.put({ itemId: open.itemId, detail: next, cachedAt: Date.now() });
          }
          return true;
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          patch(open.itemId, { submitting: false, submitError: toAppError(error) });
          return false;
        }
      },

      async resolveConflicts(choices) {
        const open = get().openItem;
        if (!open) return;
        await enqueue(open.itemId, async (engine) => {
          const theirs = await engine.resolve(open.itemId, choices);
          if (editor && get().openItem?.itemId === open.itemId) editor.applyRemote(theirs);
        });
        await refreshConflicts(open.itemId);
      },

      async whenSavedLocally() {
        for (;;) {
          const chain = saveChain;
          await chain;
          await readings.written();
          if (chain === saveChain) return;
        }
      },

      handleSyncEvent(event) {
        switch (event.type) {
          case 'state': {
            const before = get().openItem;
            patch(event.itemId, { sync: event.state });
            const seen = before?.itemId === event.itemId ? before.sync : null;
            if (before?.itemId === event.itemId && (seen?.conflicts !== event.state.conflicts || seen.conflictAt !== event.state.conflictAt)) {
              void refreshConflicts(event.itemId);
            }
            return;
          }
          case 'remote':
            takeRemote(event.itemId, event.records);
            return;
          case 'unauthorized':
            set({ sessionExpired: true });
            return;
        }
      },
    };
  };

/** Whether every field of `change` already holds that value in `open`. */
function changesNothing(open: OpenItem, change: Partial<OpenItem>): boolean {
  return (Object.keys(change) as (keyof OpenItem)[]).every((key) => Object.is(open[key], change[key]));
}
