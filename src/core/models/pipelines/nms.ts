/**
 * Non-maximum suppression for detection models: of boxes overlapping more than `iou`, only the
 * best-scoring is kept. Per class by default (a nucleus and a gland may overlap).
 */
export interface ScoredBox {
  /** Corners in any one pixel frame, x0 < x1, y0 < y1. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly score: number;
  readonly classIndex: number;
}

export function intersectionOverUnion(a: ScoredBox, b: ScoredBox): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

/** The kept boxes, best first. O(n × kept): detection heads give hundreds, not millions. */
export function nonMaxSuppression<B extends ScoredBox>(boxes: readonly B[], iou: number, acrossClasses = false): B[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: B[] = [];
  for (const box of sorted) {
    const suppressed = kept.some((k) => (acrossClasses || k.classIndex === box.classIndex) && intersectionOverUnion(k, box) > iou);
    if (!suppressed) kept.push(box);
  }
  return kept;
}
