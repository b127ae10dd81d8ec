/**
 * Editing a little-endian classic TIFF by appending, for test fixtures: a directory is read as its
 * raw 12-byte entries (whose out-of-line values stay where they are), and a new directory, mixing
 * such entries with new values, is appended after the file's last byte. Every existing byte stays.
 */

export const TIFF_TYPE = { ascii: 2, short: 3, long: 4 } as const;

/** A new entry's values: numbers of a type, or text (ASCII, NUL-terminated, written as UTF-8). */
export type TiffValue = { readonly type: 3 | 4; readonly values: readonly number[] } | string;

export interface TiffDirectoryEntries {
  /** Each entry's 12 bytes, by tag. */
  readonly entries: Map<number, Buffer | TiffValue>;
  /** The next directory's offset (0: none). */
  readonly next: number;
}

export function assertLittleEndianClassic(file: Buffer, what: string): void {
  if (file.toString('latin1', 0, 2) !== 'II' || file.readUInt16LE(2) !== 42) throw new Error(`${what} is expected to be a little-endian classic TIFF`);
}

/** The directory at `at`. */
export function directoryAt(file: Buffer, at: number): TiffDirectoryEntries {
  const count = file.readUInt16LE(at);
  const entries = new Map<number, Buffer | TiffValue>();
  for (let i = 0; i < count; i += 1) {
    const entry = file.subarray(at + 2 + i * 12, at + 14 + i * 12);
    entries.set(entry.readUInt16LE(0), Buffer.from(entry));
  }
  return { entries, next: file.readUInt32LE(at + 2 + count * 12) };
}

/** An ASCII entry's text as stored (Latin-1, without its NUL). */
export function asciiOf(file: Buffer, entry: Buffer): string {
  const count = entry.readUInt32LE(4);
  const at = count <= 4 ? -1 : entry.readUInt32LE(8);
  return (at < 0 ? entry.subarray(8, 8 + count) : file.subarray(at, at + count)).toString('latin1').replace(/\0+$/, '');
}

/** `file` with `bytes` appended at a word boundary, and where they start. */
export function appended(file: Buffer, bytes: Buffer): { file: Buffer; at: number } {
  const at = file.length + (file.length % 2);
  return { file: Buffer.concat([file, Buffer.alloc(at - file.length), bytes]), at };
}

/** `file` with a directory of `entries` appended (new values first, then the directory), and where the directory starts. */
export function appendDirectory(file: Buffer, entries: ReadonlyMap<number, Buffer | TiffValue>, next: number): { file: Buffer; at: number } {
  let result = file;
  const raw = new Map<number, Buffer>();
  for (const [tag, value] of entries) {
    if (Buffer.isBuffer(value)) {
      raw.set(tag, value);
      continue;
    }
    const { type, bytes, count } = encode(value);
    const entry = Buffer.alloc(12);
    entry.writeUInt16LE(tag, 0);
    entry.writeUInt16LE(type, 2);
    entry.writeUInt32LE(count, 4);
    if (bytes.length <= 4) bytes.copy(entry, 8);
    else {
      const placed = appended(result, bytes);
      result = placed.file;
      entry.writeUInt32LE(placed.at, 8);
    }
    raw.set(tag, entry);
  }
  const sorted = [...raw.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  const directory = Buffer.alloc(2 + sorted.length * 12 + 4);
  directory.writeUInt16LE(sorted.length, 0);
  sorted.forEach((entry, i) => entry.copy(directory, 2 + i * 12));
  directory.writeUInt32LE(next, 2 + sorted.length * 12);
  return appended(result, directory);
}

function encode(value: TiffValue): { type: number; bytes: Buffer; count: number } {
  if (typeof value === 'string') {
    const bytes = Buffer.from(`${value}\0`, 'utf8');
    return { type: TIFF_TYPE.ascii, bytes, count: bytes.length };
  }
  const size = value.type === TIFF_TYPE.short ? 2 : 4;
  const bytes = Buffer.alloc(value.values.length * size);
  value.values.forEach((number, i) => (size === 2 ? bytes.writeUInt16LE(number, i * 2) : bytes.writeUInt32LE(number, i * 4)));
  return { type: value.type, bytes, count: value.values.length };
}
