/**
 * The browser side of `bench/records-scale.ts`: the app's own data layer (IndexedDB drafts, sync
 * engine, API client) and the core editor, with no UI around them, so the figures are those of
 * the spine itself. The benchmark drives it through `window.__recordsScale`.
 */
import type { AnnotationRecord, Geometry } from '../../src/core/annotation';
import { MAX_RECORD_PAGE, type LoginResponse, type RecordPage } from '../../src/core/api';
import { DocumentEditor } from '../../src/core/documentEditor';
import { peekNextCursor } from '../../src/core/recordPageCursor';
import { ItemTargets } from '../../src/core/targets';
import { createApiClient } from '../../src/data/api';
import { MejirushiDb } from '../../src/data/db';
import { SyncEngine } from '../../src/data/syncEngine';

export interface OpenFigures {
  readonly records: number;
  /** Paging every record from the server until the engine answers them (their storing may go on), ms. */
  readonly loadMs: number;
  /** Building the editor's indexed store (ids, targets, R-tree) from the loaded records, ms. */
  readonly editorMs: number;
}

export interface StoredFigures {
  /** From the open until every record is stored in IndexedDB and the engine is idle, ms. */
  readonly storedMs: number;
  /** IndexedDB usage after the load (navigator.storage.estimate), bytes. */
  readonly indexedDbBytes: number;
}

export interface EditFigures {
  /** The command, the store and index updates and the listeners, on the main thread, ms. */
  readonly mainThreadMs: number;
  /** Until the change is durable in IndexedDB, ms. */
  readonly savedLocallyMs: number;
  /** Until the server has acknowledged it, ms. */
  readonly syncedMs: number;
}

/** The floor of a first open: every page fetched and parsed, the next asked for before one is parsed, nothing stored. */
export interface FetchFigures {
  readonly ms: number;
  readonly records: number;
  /** Characters of JSON on the wire. */
  readonly bytes: number;
}

export interface RecordsScaleHarness {
  /** Answers once the outlines could be drawn (records loaded, editor built). */
  open(itemId: string): Promise<OpenFigures>;
  /** Answers once the open's storing is done. */
  stored(): Promise<StoredFigures>;
  fetchOnly(itemId: string): Promise<FetchFigures>;
  /** Moves one outline by one pixel, as a drag would, and syncs it. */
  editOne(recordId: string): Promise<EditFigures>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __recordsScale?: RecordsScaleHarness;
  }
}

const login = JSON.parse(decodeURIComponent(window.location.hash.slice(1))) as LoginResponse;
const api = createApiClient({ getToken: () => login.token });
let dbCount = 0;

function moved(geometry: Geometry): Geometry {
  if (geometry.type !== 'polygon') throw new Error(`expected a polygon, got a ${geometry.type}`);
  return { type: 'polygon', points: geometry.points.map(([x, y]) => [x + 1, y] as const) };
}

let session: { engine: SyncEngine; editor: DocumentEditor; db: MejirushiDb; itemId: string; saving: Promise<void>; openedAt: number } | null = null;

window.__recordsScale = {
  async open(itemId) {
    dbCount += 1;
    const db = new MejirushiDb(`records-scale-${dbCount}`);
    const engine = new SyncEngine({ api, db, annotatorId: login.user.id });
    engine.start();
    const detail = await api.getItem(itemId);
    const loadStart = performance.now();
    const records: AnnotationRecord[] = await engine.open(itemId, { labelSetId: detail.labelSet.id, labelSetVersion: detail.labelSet.version });
    const loadMs = performance.now() - loadStart;
    const editorStart = performance.now();
    const editor = new DocumentEditor({
      key: { itemId, annotatorId: login.user.id, labelSetId: detail.labelSet.id, labelSetVersion: detail.labelSet.version },
      records,
      labelSet: detail.labelSet,
      targets: new ItemTargets(detail.item),
      userId: login.user.id,
    });
    const editorMs = performance.now() - editorStart;
    const current = { engine, editor, db, itemId, saving: Promise.resolve(), openedAt: loadStart };
    editor.subscribe((diff, origin) => {
      if (origin !== 'remote') current.saving = engine.save(itemId, diff);
    });
    session = current;
    return { records: records.length, loadMs, editorMs };
  },

  async stored() {
    if (!session) throw new Error('open an item first');
    await session.engine.idle();
    const storedMs = performance.now() - session.openedAt;
    const estimate = await navigator.storage.estimate();
    return { storedMs, indexedDbBytes: estimate.usage ?? 0 };
  },

  async fetchOnly(itemId) {
    const start = performance.now();
    let records = 0;
    let bytes = 0;
    let next: Promise<string> | null = api.listRecordsText(itemId, { limit: MAX_RECORD_PAGE });
    while (next) {
      const text: string = await next;
      // As the open does: the next page asked for before this one is parsed.
      const guess = peekNextCursor(text);
      next = guess ? api.listRecordsText(itemId, { after: guess, limit: MAX_RECORD_PAGE }) : null;
      const page = JSON.parse(text) as RecordPage;
      if (guess !== page.nextCursor) throw new Error(`the page's cursor ${page.nextCursor} was read as ${guess}`);
      records += page.records.length;
      bytes += text.length;
    }
    return { ms: performance.now() - start, records, bytes };
  },

  async editOne(recordId) {
    if (!session) throw new Error('open an item first');
    const { editor, engine } = session;
    const record = editor.store.get(recordId);
    if (record?.type !== 'shape') throw new Error(`no outline ${recordId}`);
    const start = performance.now();
    editor.execute('shape/update', { id: recordId, geometry: moved(record.geometry) });
    const mainThreadMs = performance.now() - start;
    await session.saving;
    const savedLocallyMs = performance.now() - start;
    await engine.idle();
    const syncedMs = performance.now() - start;
    if (engine.stateOf(session.itemId)?.status !== 'synced') throw new Error(`the edit did not sync: ${JSON.stringify(engine.stateOf(session.itemId))}`);
    return { mainThreadMs, savedLocallyMs, syncedMs };
  },

  async close() {
    if (!session) return;
    session.engine.stop();
    session.db.close();
    await session.db.delete();
    session = null;
  },
};
document.documentElement.dataset.ready = 'true';
