/**
 * Positioned reads of one file, so a DICOM WSI instance of several gigabytes is never held
 * whole: the reader asks for its header, offset tables, fragment headers and one frame at a time.
 */
import { open } from 'node:fs/promises';

export interface ByteSource {
  /** Bytes in the file. */
  readonly size: number;
  /** `length` bytes from `offset`; fewer only where the file ends. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ClosableByteSource extends ByteSource {
  close(): Promise<void>;
}

/** Bytes already in memory (tests, small uploads) as a source. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** A local file read with `fs.read` at offsets; close it when done. */
export async function openFileSource(path: string): Promise<ClosableByteSource> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
