/**
 * Ruifrok & Johnston's colour deconvolution (Anal Quant Cytol Histol 2001): RGB → optical density
 * → amounts of haematoxylin, eosin and a residual stain, with their published H&E (+DAB) stain
 * vectors, as QuPath and scikit-image use them.
 */

/** Optical density per unit of each stain in R, G, B (rows: haematoxylin, eosin, residual (DAB)). */
export const HED_STAIN_VECTORS: readonly (readonly [number, number, number])[] = [
  [0.65, 0.7, 0.29],
  [0.07, 0.99, 0.11],
  [0.27, 0.57, 0.78],
];

/**
 * Weights of a 1×1 convolution from OD (R, G, B channels) to stain amounts: row s holds the
 * coefficients of stain s, i.e. column s of the inverse of the (row-normalised) stain matrix, so
 * amounts = OD · M⁻¹.
 */
export function stainUnmixingWeights(vectors: readonly (readonly [number, number, number])[] = HED_STAIN_VECTORS): number[][] {
  const m = vectors.map((v) => {
    const length = Math.hypot(...v);
    return v.map((x) => x / length);
  });
  const inverse = invert3(m);
  return [0, 1, 2].map((s) => [0, 1, 2].map((c) => inverse[c]![s]!));
}

function invert3(m: readonly (readonly number[])[]): number[][] {
  const a = (r: number, c: number) => m[r]![c]!;
  const cofactor = (r: number, c: number) => {
    const rows = [0, 1, 2].filter((i) => i !== r);
    const cols = [0, 1, 2].filter((j) => j !== c);
    const minor = a(rows[0]!, cols[0]!) * a(rows[1]!, cols[1]!) - a(rows[0]!, cols[1]!) * a(rows[1]!, cols[0]!);
    return (r + c) % 2 === 0 ? minor : -minor;
  };
  const determinant = a(0, 0) * cofactor(0, 0) + a(0, 1) * cofactor(0, 1) + a(0, 2) * cofactor(0, 2);
  if (Math.abs(determinant) < 1e-9) throw new Error('stain vectors are not independent');
  // inverse[i][j] = cofactor(j, i) / det.
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => cofactor(j, i) / determinant));
}
