/**
 * The one definition of what can be labelled in an item, used by the client (keys, strip,
 * progress) and the server (validation, progress) alike.
 */
import type { Item } from './item';
import type { Question } from './labelSet';

/** One image-bearing target of an item: a slice, a frame, or the slide itself. */
export interface ImageTarget {
  readonly id: string;
  /** Size of the image in its own px (level-0 px for a slide): shapes and masks must fit in it. */
  readonly width: number;
  readonly height: number;
}

/** The item's images in reading order: slices along the normal, frames in order, or the slide. */
export function imageTargetsOf(item: Pick<Item, 'id' | 'content'>): ImageTarget[] {
  const content = item.content;
  switch (content.kind) {
    case 'series':
      return content.slices.map((slice) => ({ id: slice.targetId, width: content.columns, height: content.rows }));
    case 'frameSet':
      return content.frames.map((frame) => ({ id: frame.targetId, width: frame.width, height: frame.height }));
    case 'slide': {
      const level0 = content.levels[0];
      return [{ id: item.id, width: level0?.width ?? 0, height: level0?.height ?? 0 }];
    }
  }
}

/** Ids of the slices or frames a per-image label attaches to, in reading order (the strip, progress). */
export function targetIdsOf(item: Pick<Item, 'id' | 'content'>): string[] {
  return imageTargetsOf(item).map((target) => target.id);
}

/**
 * Lookup of an item's targets by id, built once per item: O(1) checks per record, so validating
 * one edit never costs O(targets).
 */
export class ItemTargets {
  readonly order: readonly string[];
  private readonly images = new Map<string, ImageTarget & { readonly index: number }>();

  constructor(readonly item: Item) {
    const images = imageTargetsOf(item);
    this.order = images.map((image) => image.id);
    images.forEach((image, index) => this.images.set(image.id, { ...image, index }));
  }

  /** How many image targets the item has (a `TargetOrder`, see recordStore.ts). */
  get count(): number {
    return this.order.length;
  }

  /** A target's index in reading order. */
  indexOf(targetId: string): number | undefined {
    return this.images.get(targetId)?.index;
  }

  /** The image a target id names, with its index in reading order. */
  image(targetId: string): (ImageTarget & { readonly index: number }) | undefined {
    return this.images.get(targetId);
  }

  /** Whether `targetId` is a valid target of `question` on this item. */
  accepts(question: Pick<Question, 'target'>, targetId: string): boolean {
    if (question.target === 'series' || question.target === 'slide') return targetId === this.item.id;
    return this.images.has(targetId);
  }
}
