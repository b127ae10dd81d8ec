/**
 * Overlap of two regions drawn by two readers: the size of each and of their intersection, in
 * pixels for masks and image px² for outlines.
 */
export interface Overlap {
  readonly intersection: number;
  readonly sizeA: number;
  readonly sizeB: number;
}

/**
 * Dice = 2|A∩B| / (|A| + |B|). Two empty regions score 1: both readers said "nothing here", which
 * is full agreement (scoring 0 or undefined would punish, or drop, the agreeing negatives).
 */
export function dice({ intersection, sizeA, sizeB }: Overlap): number {
  return sizeA + sizeB === 0 ? 1 : (2 * intersection) / (sizeA + sizeB);
}

/** IoU (Jaccard) = |A∩B| / |A∪B|; two empty regions score 1, as for Dice. */
export function iou({ intersection, sizeA, sizeB }: Overlap): number {
  const union = sizeA + sizeB - intersection;
  return union === 0 ? 1 : intersection / union;
}
