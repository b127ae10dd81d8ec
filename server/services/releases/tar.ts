/**
 * A POSIX ustar archive written as a stream: one 512-byte header per file, its bytes padded to
 * 512, and two zero blocks at the end — all `tar` needs to list and extract it. Release archives
 * hold only plain files with short generated names, so long names, links and directories (the
 * parts of the format a library earns its keep on) are refused rather than written.
 */
const BLOCK = 512;
const NAME_LENGTH = 100;
const encoder = new TextEncoder();

export interface TarEntry {
  /** ASCII, at most 100 bytes, no slash: a release archive is flat. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

function field(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encoder.encode(text).subarray(0, length), offset);
}

/** A number as the format stores it: octal digits, zero-padded, then a NUL. */
function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function headerOf(entry: TarEntry, mtimeSeconds: number): Uint8Array {
  if (!/^[\x21-\x7e]{1,100}$/.test(entry.name) || entry.name.includes('/')) throw new Error(`tar entry name ${JSON.stringify(entry.name)} must be 1–${NAME_LENGTH} printable ASCII characters without a slash`);
  const header = new Uint8Array(BLOCK);
  field(header, 0, NAME_LENGTH, entry.name);
  field(header, 100, 8, octal(0o644, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(entry.bytes.length, 12));
  field(header, 136, 12, octal(mtimeSeconds, 12));
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  // The checksum is summed with its own field read as spaces.
  field(header, 148, 8, '        ');
  const sum = header.reduce((total, byte) => total + byte, 0);
  field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** The archive of `entries`, in their order, every file dated `mtime`. Memory: one entry at a time. */
export async function* tarArchive(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>, mtime: Date): AsyncGenerator<Uint8Array> {
  const seconds = Math.floor(mtime.getTime() / 1000);
  for await (const entry of entries) {
    yield headerOf(entry, seconds);
    yield entry.bytes;
    const padding = (BLOCK - (entry.bytes.length % BLOCK)) % BLOCK;
    if (padding > 0) yield new Uint8Array(padding);
  }
  yield new Uint8Array(2 * BLOCK);
}
