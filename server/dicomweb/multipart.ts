/**
 * multipart/related bodies as DICOMweb sends them (PS3.18 §8.6.1.2, RFC 2387): written part by
 * part from streams, and read part by part from a stream, so neither side holds a whole study.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface OutgoingPart {
  /** Content-Type of the part, with its parameters (`application/dicom`, `application/octet-stream; transfer-syntax=…`). */
  readonly contentType: string;
  /** Content-Location, when the part names where it came from. */
  readonly location?: string;
  readonly body: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** A boundary that never occurs in DICOM bytes by chance (RFC 2046: at most 70 characters). */
export function newBoundary(): string {
  return `mejirushi-${randomBytes(16).toString('hex')}`;
}

/** The Content-Type of a multipart/related reply whose parts are of `type`. */
export function multipartContentType(boundary: string, type: string, transferSyntax?: string): string {
  const syntax = transferSyntax ? `; transfer-syntax=${transferSyntax}` : '';
  return `multipart/related; type="${type}"${syntax}; boundary=${boundary}`;
}

/** The body of a multipart/related message: each part's headers, then its bytes as they are read. */
export function multipartBody(boundary: string, parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>): Readable {
  return Readable.from(
    (async function* () {
      for await (const part of parts) {
        const location = part.location ? `Content-Location: ${part.location}\r\n` : '';
        yield Buffer.from(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n${location}\r\n`);
        for await (const chunk of await part.body()) yield chunk;
        yield Buffer.from('\r\n');
      }
      yield Buffer.from(`--${boundary}--\r\n`);
    })(),
    { objectMode: false },
  );
}

export interface IncomingPart {
  /** Header names in lower case. */
  readonly headers: ReadonlyMap<string, string>;
  /** The part's bytes; read it to the end before asking for the next part. */
  readonly body: AsyncIterable<Buffer>;
}

export class MultipartError extends Error {}

/** The boundary parameter of a multipart Content-Type; null when it is not multipart or names none. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\//i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? ((match[1] ?? match[2]) as string) : null;
}

/** A named parameter of a Content-Type or Accept entry (`type`, `transfer-syntax`), unquoted. */
export function mediaParameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^;\\s,]+))`, 'i').exec(value);
  return match ? ((match[1] ?? match[2]) as string) : null;
}

/**
 * The parts of a multipart body, one at a time. Holds back only as many bytes as a delimiter is
 * long, so a part streams straight through to wherever its body is written.
 */
export async function* readMultipart(source: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<IncomingPart> {
  const reader = new ChunkReader(source);
  // The first delimiter may open the body without the CRLF that precedes every later one.
  reader.unshift(Buffer.from('\r\n'));
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  if (!(await reader.skipPast(delimiter))) throw new MultipartError(`the body holds no part (no --${boundary})`);
  for (;;) {
    const after = await reader.take(2);
    if (after.equals(Buffer.from('--'))) return;
    reader.unshift(after);
    const headerBlock = await reader.until(Buffer.from('\r\n\r\n'), 16 * 1024);
    if (headerBlock === null) throw new MultipartError('a part has no end to its headers');
    const headers = parseHeaders(headerBlock.toString('latin1'));
    let finished = false;
    const body = (async function* () {
      for (;;) {
        const { chunk, found } = await reader.nextBefore(delimiter);
        if (chunk.length > 0) yield chunk;
        if (found) break;
      }
      finished = true;
    })();
    yield { headers, body };
    if (!finished) for await (const _ of body) void _;
  }
}

/** A part's bytes, whole (one DICOM instance); refused past `maxBytes`. */
export async function partBytes(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new MultipartError(`a part is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Transport padding after the delimiter (RFC 2046) leaves a blank first line.
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Reads a byte stream by content rather than by chunk. */
class ChunkReader {
  private buffer = Buffer.alloc(0);
  private readonly iterator: AsyncIterator<Uint8Array>;
  private done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  unshift(bytes: Buffer): void {
    this.buffer = Buffer.concat([bytes, this.buffer]);
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffer = Buffer.concat([this.buffer, Buffer.from(next.value)]);
    return true;
  }

  async take(count: number): Promise<Buffer> {
    while (this.buffer.length < count) if (!(await this.more())) throw new MultipartError('the body ends inside a part');
    const taken = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return taken;
  }

  /** Drops everything up to and including `marker`; false when the stream ends first. */
  async skipPast(marker: Buffer): Promise<boolean> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        this.buffer = this.buffer.subarray(at + marker.length);
        return true;
      }
      this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - marker.length + 1));
      if (!(await this.more())) return false;
    }
  }

  /** The bytes before `marker` (dropping the marker), or null past `limit` bytes or at the end. */
  async until(marker: Buffer, limit: number): Promise<Buffer | null> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        const before = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + marker.length);
        return before;
      }
      if (this.buffer.length > limit || !(await this.more())) return null;
    }
  }

  /** The next bytes of a part: all before `marker` once it is seen (marker dropped), else what cannot be its start. */
  async nextBefore(marker: Buffer): Promise<{ chunk: Buffer; found: boolean }> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        const chunk = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + marker.length);
        return { chunk, found: true };
      }
      const safe = this.buffer.length - marker.length + 1;
      if (safe > 64 * 1024) {
        const chunk = this.buffer.subarray(0, safe);
        this.buffer = this.buffer.subarray(safe);
        return { chunk, found: false };
      }
      if (!(await this.more())) throw new MultipartError('the body ends inside a part (no closing delimiter)');
    }
  }
}
