/**
 * The DICOM file of the slice an item page shows first, requested as soon as the item's content
 * is known (its detail, or this device's copy of it) instead of once the page has the item's
 * records and mounts the viewer: the file then arrives while the records, the viewer's chunk and
 * Cornerstone load. The viewer's loader takes the request over (`take`) rather than starting its
 * own. The bytes come through `loadItemFile` (this device's kept copy, else the API client with
 * the bearer token), never a second path.
 *
 * One file at a time: a head start for another item or slice replaces it, so bytes nobody took
 * are held only until the next item is opened.
 */
import type { SliceRef } from '../../core/item';
import { keptFileUrl, keptFiles } from '../../offline/keptFiles';
import { appServices } from '../../store';
import { clampIndex } from '../../store/sliceCursor';

export type LoadItemFile = (itemId: string, fileId: string) => Promise<ArrayBuffer>;

interface Pending {
  readonly itemId: string;
  readonly fileId: string;
  readonly bytes: Promise<ArrayBuffer>;
}

export class FileHeadStart {
  private pending: Pending | null = null;

  constructor(private readonly load: LoadItemFile) {}

  /** Requests the file unless it is already on its way. */
  start(itemId: string, fileId: string): void {
    if (this.pending?.itemId === itemId && this.pending.fileId === fileId) return;
    const bytes = this.load(itemId, fileId);
    // Not reported here: the viewer reports a failure when it takes the request over.
    bytes.catch(() => undefined);
    this.pending = { itemId, fileId, bytes };
  }

  /** The request started for this file, once: a later load (a retry, an evicted file) asks anew. */
  take(itemId: string, fileId: string): Promise<ArrayBuffer> | null {
    const pending = this.pending;
    if (pending?.itemId !== itemId || pending.fileId !== fileId) return null;
    this.pending = null;
    return pending.bytes;
  }

  /**
   * The request started for this file, left for the viewer to take: the slice decoded ahead reads
   * these bytes, and the viewer's own load (which then finds the slice decoded) starts no second.
   * Once it has failed it is dropped, since the viewer's load waited on the same failure.
   */
  share(itemId: string, fileId: string): Promise<ArrayBuffer> | null {
    const pending = this.pending;
    if (pending?.itemId !== itemId || pending.fileId !== fileId) return null;
    // A failed request is not left for the viewer: its retry must ask anew, not take the failure.
    pending.bytes.catch(() => {
      if (this.pending === pending) this.pending = null;
    });
    return pending.bytes;
  }
}

/** The slice an item opens on: where this reader left it on this device (the store's rule), else the first. */
export function firstShownSlice(slices: readonly SliceRef[], keptIndex: number | undefined): SliceRef | undefined {
  return slices[keptIndex === undefined ? 0 : clampIndex(keptIndex, slices.length)];
}

/** A series file: this device's kept copy (for offline reading), else the API client's `loadFile` (the session's token), kept then. */
export function loadItemFile(itemId: string, fileId: string): Promise<ArrayBuffer> {
  return keptFiles.load(keptFileUrl(window.location.origin, itemId, fileId), () => appServices().api.loadFile(itemId, fileId));
}

/** The app's head start, through `loadItemFile`. */
export const itemFileHeadStart = new FileHeadStart(loadItemFile);
