/**
 * What the overlay keeps of the open document to draw it at any zoom: each outline's box (four
 * float32s) and class, and the density grid. Built once from `records()`, then kept in step
 * from each diff the store applies (`watch`): an edit costs O(diff), never a rebuild. The
 * vertices stay in the records; nothing of them is copied.
 */
import type { AnnotationRecord, Shape } from '../../../core/annotation';
import { geometryBounds } from '../../../core/bounds';
import type { RecordDiff } from '../../../core/diff';
import type { RecordStore } from '../../../core/recordStore';
import { DensityGrid } from './densityGrid';
import { lookOf, type ClassPalette } from '../../annotation/outlineStyle';

const INITIAL_CAPACITY = 1024;

export class DocumentOutlines {
  readonly grid: DensityGrid;
  /** Slot per drawn outline; slots of removed outlines are reused. */
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private nextSlot = 0;
  /** minX, minY, maxX, maxY per slot (image px). */
  private boxes = new Float32Array(INITIAL_CAPACITY * 4);
  private classes = new Uint8Array(INITIAL_CAPACITY);
  private readonly stopWatching: () => void;
  /** Bumped by every diff that reached the overlay: the view redraws when it moves. */
  revision = 0;

  constructor(
    readonly store: RecordStore,
    /** The slide's target (on a slide, the item id). */
    readonly targetId: string,
    extent: { readonly width: number; readonly height: number },
    readonly palette: ClassPalette,
  ) {
    this.grid = new DensityGrid(extent.width, extent.height, palette.size);
    for (const record of store.records()) this.put(record);
    this.stopWatching = store.watch((diff) => this.apply(diff));
  }

  get count(): number {
    return this.slots.size;
  }

  /** The record's box as cached, or null when it is not drawn (another target, a label, rejected). */
  boxOf(id: string): { minX: number; minY: number; maxX: number; maxY: number } | null {
    const slot = this.slots.get(id);
    if (slot === undefined) return null;
    const at = slot * 4;
    return { minX: this.boxes[at] as number, minY: this.boxes[at + 1] as number, maxX: this.boxes[at + 2] as number, maxY: this.boxes[at + 3] as number };
  }

  /** Centre x, y, width, height of the cached box into `out` (no allocation per outline per frame); false when not drawn. */
  sizeInto(id: string, out: Float64Array): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    const at = slot * 4;
    out[0] = ((this.boxes[at] as number) + (this.boxes[at + 2] as number)) / 2;
    out[1] = ((this.boxes[at + 1] as number) + (this.boxes[at + 3] as number)) / 2;
    out[2] = (this.boxes[at + 2] as number) - (this.boxes[at] as number);
    out[3] = (this.boxes[at + 3] as number) - (this.boxes[at + 1] as number);
    return true;
  }

  dispose(): void {
    this.stopWatching();
  }

  private apply(diff: RecordDiff): void {
    for (const [id, [, after]] of Object.entries(diff)) {
      this.drop(id);
      if (after) this.put(after);
    }
    this.revision += 1;
  }

  private put(record: AnnotationRecord): void {
    if (!this.draws(record)) return;
    const box = geometryBounds(record.geometry);
    const slot = this.free.pop() ?? this.nextSlot++;
    this.ensureCapacity(slot + 1);
    const at = slot * 4;
    this.boxes[at] = box.minX;
    this.boxes[at + 1] = box.minY;
    this.boxes[at + 2] = box.maxX;
    this.boxes[at + 3] = box.maxY;
    const classIndex = this.palette.index(record.classCode);
    this.classes[slot] = classIndex;
    this.slots.set(record.id, slot);
    this.grid.add((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2, classIndex, 1);
  }

  private drop(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const at = slot * 4;
    this.grid.add(
      ((this.boxes[at] as number) + (this.boxes[at + 2] as number)) / 2,
      ((this.boxes[at + 1] as number) + (this.boxes[at + 3] as number)) / 2,
      this.classes[slot] as number,
      -1,
    );
    this.slots.delete(id);
    this.free.push(slot);
  }

  private draws(record: AnnotationRecord): record is Shape {
    return record.type === 'shape' && record.targetId === this.targetId && lookOf(record) !== 'hidden';
  }

  private ensureCapacity(slots: number): void {
    if (slots <= this.classes.length) return;
    const capacity = Math.max(slots, this.classes.length * 2);
    const boxes = new Float32Array(capacity * 4);
    boxes.set(this.boxes);
    const classes = new Uint8Array(capacity);
    classes.set(this.classes);
    this.boxes = boxes;
    this.classes = classes;
  }
}
