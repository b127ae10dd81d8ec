import { describe, expect, it } from 'vitest';
import { generatePhantomVariant, phantomVariantSet, type PhantomVariantSpec } from './phantomVariants';

const base: PhantomVariantSpec = { seed: 7, sliceCount: 8, bleed: 'none', bleedHu: 62, noiseSigmaHu: 4, blurSigmaPx: 0.8, calcifications: 0 };

describe('phantom variants', () => {
  it('a series without a bleed has no blood pixel in any slice', () => {
    expect(generatePhantomVariant(base).map((s) => s.bloodPixels)).toEqual(new Array(8).fill(0));
  });

  it('an extensive bleed covers several consecutive slices; a tiny one one or two, with far fewer pixels', () => {
    const extensive = generatePhantomVariant({ ...base, bleed: 'extensive' }).map((s) => s.bloodPixels);
    const tiny = generatePhantomVariant({ ...base, bleed: 'tiny' }).map((s) => s.bloodPixels);
    const bleeding = (counts: number[]) => counts.filter((n) => n > 0);
    expect(bleeding(extensive).length).toBeGreaterThanOrEqual(2);
    expect(bleeding(tiny).length).toBeGreaterThanOrEqual(1);
    expect(bleeding(tiny).length).toBeLessThanOrEqual(2);
    expect(Math.max(...tiny)).toBeLessThan(Math.min(...bleeding(extensive)) / 10);
  });

  it('is deterministic for a spec, and noise and blur change the pixels but not the truth', () => {
    const a = generatePhantomVariant({ ...base, bleed: 'small', calcifications: 2 });
    const b = generatePhantomVariant({ ...base, bleed: 'small', calcifications: 2 });
    // Byte comparison: a deep equality of 2 million floats takes far longer.
    expect(a.map((s, i) => Buffer.from(s.hu.buffer).equals(Buffer.from(b[i]!.hu.buffer)))).toEqual(new Array(8).fill(true));
    const quiet = generatePhantomVariant({ ...base, bleed: 'small', calcifications: 2, noiseSigmaHu: 0, blurSigmaPx: 0 });
    expect(quiet.map((s) => s.bloodPixels)).toEqual(a.map((s) => s.bloodPixels));
    // Without blur and noise the blood holds exactly its HU.
    const bleedSlice = quiet.find((s) => s.bloodPixels > 0)!;
    expect(bleedSlice.hu.filter((v) => v === 62).length).toBe(bleedSlice.bloodPixels);
  });

  it('the evaluation set cycles through every bleed extent with densities in 50–90 HU', () => {
    const set = phantomVariantSet(8, 3);
    expect(set.map((s) => s.bleed)).toEqual(['extensive', 'small', 'tiny', 'none', 'extensive', 'small', 'tiny', 'none']);
    expect(set.every((s) => s.bleedHu >= 50 && s.bleedHu <= 90)).toBe(true);
  });
});
