/**
 * The burned-in text review's pure half: the detector's proposals as boxes (image px), and what a
 * person does to an image's boxes (add, remove, resize, confirm), each returning a new state.
 */
import type { ProposalDraft } from '../../../core/models/proposalDraft';
import type { RedactionBox } from '../../../core/deid/redactPixels';

/** One image to check: the boxes proposed or drawn so far, and whether a person confirmed them. */
export interface ImageReview {
  readonly boxes: readonly RedactionBox[];
  readonly confirmed: boolean;
}

/** The detector's shapes as axis-aligned boxes (a rotated line's bounding box), whole pixels, growing outwards. */
export function boxesOfProposals(drafts: readonly ProposalDraft[]): RedactionBox[] {
  const boxes: RedactionBox[] = [];
  for (const draft of drafts) {
    if (draft.type !== 'shape') continue;
    const { geometry } = draft;
    const points = geometry.type === 'rectangle' ? [geometry.topLeft, geometry.bottomRight] : geometry.type === 'polygon' ? geometry.points : [];
    if (points.length === 0) continue;
    const x0 = Math.floor(Math.min(...points.map((p) => p[0])));
    const y0 = Math.floor(Math.min(...points.map((p) => p[1])));
    const x1 = Math.ceil(Math.max(...points.map((p) => p[0])));
    const y1 = Math.ceil(Math.max(...points.map((p) => p[1])));
    if (x1 > x0 && y1 > y0) boxes.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return boxes;
}

/** A box from two corners a person dragged between (any order), or null when it has no area. */
export function boxBetween(a: readonly [number, number], b: readonly [number, number]): RedactionBox | null {
  const x = Math.round(Math.min(a[0], b[0]));
  const y = Math.round(Math.min(a[1], b[1]));
  const width = Math.round(Math.max(a[0], b[0])) - x;
  const height = Math.round(Math.max(a[1], b[1])) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/** Any change to the boxes undoes a confirmation: the person confirms what they see. */
export function addBox(review: ImageReview, box: RedactionBox): ImageReview {
  return { boxes: [...review.boxes, box], confirmed: false };
}

export function removeBox(review: ImageReview, index: number): ImageReview {
  return { boxes: review.boxes.filter((_, i) => i !== index), confirmed: false };
}

/** Moves the box's bottom-right corner to `corner` (its top-left stays). */
export function resizeBox(review: ImageReview, index: number, corner: readonly [number, number]): ImageReview {
  const box = review.boxes[index];
  if (!box) return review;
  const resized = boxBetween([box.x, box.y], corner);
  if (!resized) return review;
  return { boxes: review.boxes.map((b, i) => (i === index ? resized : b)), confirmed: false };
}

export function confirm(review: ImageReview): ImageReview {
  return { ...review, confirmed: true };
}

/** The first unconfirmed image after `from` (wrapping), or -1 when all are confirmed. */
export function nextUnconfirmed(reviews: readonly ImageReview[], from: number): number {
  for (let step = 1; step <= reviews.length; step++) {
    const index = (from + step) % reviews.length;
    if (!reviews[index]!.confirmed) return index;
  }
  return -1;
}
