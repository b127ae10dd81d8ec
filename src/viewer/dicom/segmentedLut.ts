/**
 * Segmented palette colour lookup tables (PS3.3 C.7.9.2) expanded to plain tables, as pydicom
 * does: discrete segments copy their values, linear ones step (rounded) from the previous entry
 * to their end value, indirect ones repeat segments found at a word offset earlier in the data.
 */
const DISCRETE = 0;
const LINEAR = 1;
const INDIRECT = 2;

/** Entries of a palette table: the descriptor's first value, where 0 means 65,536 (PS3.3 C.7.6.3.1.5). */
export function paletteEntries(descriptorFirst: number): number {
  return descriptorFirst === 0 ? 65_536 : descriptorFirst;
}

export class SegmentedLutError extends Error {
  constructor(message: string) {
    super(`Segmented palette table: ${message}`);
    this.name = 'SegmentedLutError';
  }
}

function expandInto(data: Uint16Array, start: number, segmentLimit: number, out: number[], entries: number): void {
  let at = start;
  let segments = 0;
  while (at < data.length && segments < segmentLimit && out.length < entries) {
    const opcode = data[at]!;
    const length = data[at + 1] ?? 0;
    if (opcode === DISCRETE) {
      if (at + 2 + length > data.length) throw new SegmentedLutError('a discrete segment runs past the data');
      for (let i = 0; i < length; i += 1) out.push(data[at + 2 + i]!);
      at += 2 + length;
    } else if (opcode === LINEAR) {
      const from = out.at(-1);
      const to = data[at + 2];
      if (from === undefined || to === undefined) throw new SegmentedLutError('a linear segment has no start value');
      for (let i = 1; i <= length; i += 1) out.push(Math.round(from + ((to - from) * i) / length));
      at += 3;
    } else if (opcode === INDIRECT) {
      const offset = (data[at + 2] ?? 0) | ((data[at + 3] ?? 0) << 16);
      if (offset >= at) throw new SegmentedLutError('an indirect segment points forward');
      expandInto(data, offset, length, out, entries);
      at += 4;
    } else {
      throw new SegmentedLutError(`unknown segment type ${opcode}`);
    }
    segments += 1;
  }
}

/** The plain table of `entries` values; throws SegmentedLutError when the data do not fill it. */
export function expandSegmentedLut(data: Uint16Array, entries: number): Uint16Array {
  const out: number[] = [];
  expandInto(data, 0, Number.POSITIVE_INFINITY, out, entries);
  if (out.length < entries) throw new SegmentedLutError(`${out.length} entries where the descriptor says ${entries}`);
  return Uint16Array.from(out.slice(0, entries));
}
