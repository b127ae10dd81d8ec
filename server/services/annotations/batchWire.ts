/**
 * How a prepared batch crosses between threads. Structured clone copies strings slowly (about
 * 0.6 s for the 16 MB of record bodies of a full batch, on the receiving event loop), but moves an
 * ArrayBuffer for free: so the bodies travel as one transferred UTF-8 buffer and are decoded
 * back into strings on arrival (a few milliseconds).
 */
import type { PrepareOutcome, PreparedOp } from './batchInput';

export interface PackedOutcome {
  /** The outcome with every put's `columns.body` set to null. */
  readonly outcome: PrepareOutcome;
  /** The bodies one after another, UTF-8. */
  readonly bodies: Uint8Array<ArrayBuffer>;
  /** Byte offset where each put's body ends in `bodies`, in op order (puts only). */
  readonly ends: readonly number[];
}

/** A buffer that can be transferred: one that owns its whole ArrayBuffer. */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return new Uint8Array(buffer);
  return new Uint8Array(bytes);
}

export function packOutcome(outcome: PrepareOutcome): PackedOutcome {
  if (!outcome.ok) return { outcome, bodies: new Uint8Array(0), ends: [] };
  const parts: Buffer[] = [];
  const ends: number[] = [];
  let end = 0;
  const ops = outcome.batch.ops.map((op): PreparedOp => {
    if (op.kind !== 'put') return op;
    const part = Buffer.from(op.columns.body ?? '', 'utf8');
    parts.push(part);
    end += part.byteLength;
    ends.push(end);
    return { ...op, columns: { ...op.columns, body: null } };
  });
  return { outcome: { ok: true, batch: { ...outcome.batch, ops } }, bodies: ownBuffer(Buffer.concat(parts)), ends };
}

export function unpackOutcome({ outcome, bodies, ends }: PackedOutcome): PrepareOutcome {
  if (!outcome.ok) return outcome;
  const text = Buffer.from(bodies.buffer, bodies.byteOffset, bodies.byteLength);
  let put = 0;
  const ops = outcome.batch.ops.map((op): PreparedOp => {
    if (op.kind !== 'put') return op;
    const start = put === 0 ? 0 : (ends[put - 1] as number);
    const body = text.toString('utf8', start, ends[put]);
    put += 1;
    return { ...op, columns: { ...op.columns, body } };
  });
  return { ok: true, batch: { ...outcome.batch, ops } };
}
