/**
 * The item being read and labelled. Its annotations have one source of truth, the core
 * `DocumentEditor`: every command's change reaches the store through the editor's listener,
 * and every local change (command, undo, redo) is then saved as draft + outbox by the sync engine.
 * Remote documents enter through `applyRemote`, outside undo history.
 */
import type { StateCreator } from 'zustand';
import type { AnnotationDocument } from '../core/annotation';
import type { DocumentHead, ItemDetail } from '../core/api';
import { DocumentEditor } from '../core/documentEditor';
import { canAnnotatorEdit } from '../core/itemState';
import { NetworkError } from '../data/api';
import { newOpId } from '../data/opId';
import type { ConflictChoice } from '../data/resolve';
import type { ItemSyncState, SyncEngine, SyncEvent } from '../data/syncEngine';
import type { AppState } from './appState';
import { isUnauthorized, toAppError, type AppError } from './loadError';
import type { AppServices } from './services';
import { advanceAfterLabel, moveCursor, targetRange, type SliceSelection } from './sliceCursor';
import { targetIdsOf } from './targets';

export interface OpenItem {
  readonly itemId: string;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: AppError | null;
  readonly detail: ItemDetail | null;
  /** The editor's current document (a new object on every change). */
  readonly doc: AnnotationDocument | null;
  readonly targetIds: readonly string[];
  readonly sliceIndex: number;
  readonly selection: SliceSelection | null;
  readonly sync: ItemSyncState | null;
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
  /** Loads an item (from the server, or the offline cache) and its local draft. */
  openItemById(itemId: string): Promise<void>;
  closeItem(): void;
  /** Moves to a slice; with `extend` the range selection grows (Shift+click, Shift+arrows). */
  goToSlice(index: number, options?: { readonly extend?: boolean }): void;
  stepSlice(delta: number, options?: { readonly extend?: boolean }): void;
  /** Labels the current slice (or the selected range) with a class and advances past it. */
  applyLabel(classCode: string): void;
  /** Removes the labels of the current slice or the selected range. */
  clearLabels(): void;
  undo(): void;
  redo(): void;
  /** Submits the item once everything is synced; answers whether it was submitted. */
  submitItem(): Promise<boolean>;
  resolveConflict(choice: ConflictChoice): Promise<void>;
  /** Resolves once every local change of the open item is in IndexedDB. */
  whenSavedLocally(): Promise<void>;
  handleSyncEvent(event: SyncEvent): void;
}

/** Whether the open item accepts edits now (loaded, assigned to the caller, not submitted or approved). */
/** An item whose detail and draft are being loaded. */
export function loadingItem(itemId: string): OpenItem {
  return {
    itemId,
    status: 'loading',
    error: null,
    detail: null,
    doc: null,
    targetIds: [],
    sliceIndex: 0,
    selection: null,
    sync: null,
    savingLocal: 0,
    localSaveError: null,
    canUndo: false,
    canRedo: false,
    submitting: false,
    submitError: null,
  };
}

export function isEditable(openItem: OpenItem | null): boolean {
  const state = openItem?.status === 'ready' ? openItem.detail?.state : null;
  return state !== null && state !== undefined && canAnnotatorEdit(state);
}

export const createOpenItemSlice =
  (services: AppServices): StateCreator<AppState, [], [], OpenItemSlice> =>
  (set, get) => {
    let editor: DocumentEditor | null = null;
    let detachEditor: (() => void) | null = null;
    let saveChain: Promise<void> = Promise.resolve();
    /** Bumped by every open/close, so a load that was overtaken (StrictMode, quick navigation) stops. */
    let generation = 0;

    function patch(itemId: string, change: Partial<OpenItem>): void {
      set((state) => (state.openItem?.itemId === itemId ? { openItem: { ...state.openItem, ...change } } : {}));
    }

    /** Runs IndexedDB work for the open item in order, after every change queued before it. */
    function enqueue(itemId: string, work: (engine: SyncEngine) => Promise<void>): Promise<void> {
      const engine = get().engine;
      if (!engine) return Promise.resolve();
      set((state) => (state.openItem?.itemId === itemId ? { openItem: { ...state.openItem, savingLocal: state.openItem.savingLocal + 1 } } : {}));
      const run = saveChain.then(() => work(engine));
      saveChain = run.then(
        () => {
          set((state) =>
            state.openItem?.itemId === itemId ? { openItem: { ...state.openItem, savingLocal: state.openItem.savingLocal - 1 } } : {},
          );
        },
        (error: unknown) => {
          set((state) =>
            state.openItem?.itemId === itemId
              ? { openItem: { ...state.openItem, savingLocal: state.openItem.savingLocal - 1, localSaveError: String(error) } }
              : {},
          );
        },
      );
      return run;
    }

    function attach(itemId: string, next: DocumentEditor): void {
      detachEditor?.();
      editor = next;
      detachEditor = next.subscribe((doc, _diff, origin) => {
        patch(itemId, { doc, canUndo: next.canUndo, canRedo: next.canRedo });
        if (origin !== 'remote') void enqueue(itemId, async (engine) => void (await engine.save(itemId, doc)));
      });
    }

    async function loadDetail(itemId: string): Promise<ItemDetail> {
      try {
        const detail = await services.api.getItem(itemId);
        await services.db.itemDetails.put({ itemId, detail, cachedAt: Date.now() });
        return detail;
      } catch (error) {
        const cached = error instanceof NetworkError ? await services.db.itemDetails.get(itemId) : undefined;
        if (cached) return cached.detail;
        throw error;
      }
    }

    /** A newer server document for the open item: taken in only when no local change is pending. */
    function offerRemote(itemId: string, head: DocumentHead): void {
      const open = get().openItem;
      if (!editor || open?.itemId !== itemId || !head.document || open.savingLocal > 0 || (open.sync?.pending ?? 0) > 0) return;
      editor.applyRemote(head.document);
      void enqueue(itemId, async (engine) => {
        const accepted = await engine.acceptRemote(itemId, head);
        // Local edits slipped in between: the draft (with them) is the truth; show it again.
        if (!accepted && editor && get().openItem?.itemId === itemId) {
          const draft = await services.db.drafts.get([itemId, engine.annotatorId]);
          if (draft) editor.applyRemote(draft.doc);
        }
      });
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
          const detail = await loadDetail(itemId);
          // Overtaken: closeItem has already released this item, so holding it now would leak.
          if (generation !== mine) return;
          const targetIds = targetIdsOf(detail.item);
          engine.hold(itemId);
          const draft = await engine.open(itemId, () => ({
            itemId,
            annotatorId: session.user.id,
            labelSetId: detail.labelSet.id,
            labelSetVersion: detail.labelSet.version,
            records: {},
          }));
          if (generation !== mine) return;
          const next = new DocumentEditor({ doc: draft.doc, labelSet: detail.labelSet, targetIds, userId: session.user.id });
          attach(itemId, next);
          patch(itemId, {
            status: 'ready',
            detail,
            doc: next.doc,
            targetIds,
            sync: engine.stateOf(itemId) ?? null,
            canUndo: false,
            canRedo: false,
          });
          // Writes refused while the item was locked go out once it accepts edits again (returned).
          if (isEditable(get().openItem)) await engine.retryLocked(itemId);
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          else if (generation === mine) patch(itemId, { status: 'error', error: toAppError(error) });
        }
      },

      closeItem() {
        generation += 1;
        const open = get().openItem;
        if (open) get().engine?.release(open.itemId);
        detachEditor?.();
        detachEditor = null;
        editor = null;
        set({ openItem: null });
      },

      goToSlice(index, options = {}) {
        const open = get().openItem;
        if (!open || open.targetIds.length === 0) return;
        const cursor = moveCursor({ index: open.sliceIndex, selection: open.selection }, index, options.extend ?? false, open.targetIds.length);
        if (cursor.index === open.sliceIndex && cursor.selection === open.selection) return;
        patch(open.itemId, { sliceIndex: cursor.index, selection: cursor.selection });
      },

      stepSlice(delta, options = {}) {
        const open = get().openItem;
        if (open) get().goToSlice(open.sliceIndex + delta, options);
      },

      applyLabel(classCode) {
        const targetIds = editTargets();
        const open = get().openItem;
        if (!targetIds || !editor || !open) return;
        if (targetIds.length === 1) editor.execute('targetLabel/set', { targetId: targetIds[0] as string, classCode });
        else editor.execute('targetLabel/setRange', { targetIds, classCode });
        const cursor = advanceAfterLabel({ index: open.sliceIndex, selection: open.selection }, open.targetIds.length);
        patch(open.itemId, { sliceIndex: cursor.index, selection: cursor.selection });
      },

      clearLabels() {
        const targetIds = editTargets();
        if (targetIds && editor) editor.execute('targetLabel/clear', { targetIds });
      },

      undo() {
        if (isEditable(get().openItem)) editor?.undo();
      },

      redo() {
        if (isEditable(get().openItem)) editor?.redo();
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
          const { state } = await services.api.submit(open.itemId, sync.revision, newOpId());
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

      async resolveConflict(choice) {
        const open = get().openItem;
        if (!open) return;
        await enqueue(open.itemId, async (engine) => {
          const doc = await engine.resolve(open.itemId, choice);
          if (editor && get().openItem?.itemId === open.itemId) editor.applyRemote(doc);
        });
      },

      async whenSavedLocally() {
        for (;;) {
          const chain = saveChain;
          await chain;
          if (chain === saveChain) return;
        }
      },

      handleSyncEvent(event) {
        switch (event.type) {
          case 'state':
            patch(event.itemId, { sync: event.state });
            return;
          case 'remote':
            offerRemote(event.itemId, event.head);
            return;
          case 'unauthorized':
            set({ sessionExpired: true });
            return;
        }
      },
    };
  };
