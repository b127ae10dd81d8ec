import type { AnnotationRecord } from '../core/annotation';
import type { RecordDiff } from '../core/diff';

/**
 * Ids of records with a local change on its way to IndexedDB (counted: one record may be in
 * several queued saves). A remote copy of such a record is not shown over the user's change.
 */
export class UnsavedRecords {
  private readonly counts = new Map<string, number>();

  /** Notes the diff's records; answers them, to `remove` once saved. */
  add(diff: RecordDiff): string[] {
    const ids = Object.keys(diff);
    for (const id of ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    return ids;
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const left = (this.counts.get(id) ?? 0) - 1;
      if (left > 0) this.counts.set(id, left);
      else this.counts.delete(id);
    }
  }

  /** The records of `remote` that no local change is on its way for. */
  without(remote: ReadonlyMap<string, AnnotationRecord | null>): Map<string, AnnotationRecord | null> {
    const out = new Map<string, AnnotationRecord | null>();
    for (const [id, record] of remote) if (!this.counts.has(id)) out.set(id, record);
    return out;
  }
}
