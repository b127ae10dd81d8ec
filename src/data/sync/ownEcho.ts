/**
 * Telling the live stream's echo of this engine's own writes from others' changes. Each write
 * the server acknowledged as a document's next revision is already in IndexedDB (the batch's
 * versions and the head's revision): a stream event that names only such revisions, and follows
 * on from a point up to which everything is stored, needs no feed or ops read and no transaction
 * to take it in. Another device's or tab's write (even the same user's) names revisions this
 * engine never wrote, and is read back as before.
 */
import type { ChangedRevisions } from '../../core/api';

/** Revisions kept per item: enough for the writes a stream event can still be on its way for. */
const KEPT = 64;

/** What the engine needs of a stream event to judge it. */
export interface StreamNotice {
  /** The event's id (a feed checkpoint); null when the server sent none. */
  readonly id: string | null;
  /** The checkpoint it follows on (see `ChangeStreamNotice`); absent: it cannot say. */
  readonly after?: string;
  /** Absent from servers that do not name revisions. */
  readonly documents?: readonly ChangedRevisions[];
}

/** This engine's acknowledged revisions, per item (the newest `KEPT`). */
export class OwnRevisions {
  private readonly byItem = new Map<string, number[]>();

  add(itemId: string, revision: number): void {
    const revisions = this.byItem.get(itemId) ?? [];
    revisions.push(revision);
    if (revisions.length > KEPT) revisions.shift();
    this.byItem.set(itemId, revisions);
  }

  /** Whether every revision of the document among the changes is one of these. */
  covers(doc: ChangedRevisions): boolean {
    const revisions = this.byItem.get(doc.itemId);
    if (!revisions || doc.toRevision - doc.fromRevision >= KEPT) return false;
    for (let revision = doc.fromRevision; revision <= doc.toRevision; revision += 1) if (!revisions.includes(revision)) return false;
    return true;
  }
}

/**
 * Whether the notice is only an echo of writes `own` holds, following on from `stored` (the
 * checkpoint up to which every change the user follows is in IndexedDB; null: unknown).
 */
export function isOwnEcho(notice: StreamNotice, annotatorId: string, stored: string | null, own: OwnRevisions): boolean {
  const { id, after, documents } = notice;
  if (id === null || after === undefined || !documents || documents.length === 0 || stored === null || after !== stored) return false;
  return documents.every((doc) => doc.annotatorId === annotatorId && own.covers(doc));
}
