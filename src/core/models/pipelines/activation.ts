/** Raw scores → probabilities, as the manifest's decode spec says. */
import type { DecodeSpec } from '../manifest';

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Softmax over all of `logits`, shifted by the maximum so large logits do not overflow. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i += 1) max = Math.max(max, logits[i] as number);
  let sum = 0;
  for (let i = 0; i < logits.length; i += 1) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i += 1) out[i] = (out[i] as number) / sum;
  return out;
}

export function activate(activation: DecodeSpec['activation'], raw: ArrayLike<number>): Float64Array {
  if (activation === 'softmax') return softmax(raw);
  const out = Float64Array.from(raw as ArrayLike<number>);
  if (activation === 'sigmoid') for (let i = 0; i < out.length; i += 1) out[i] = sigmoid(out[i] as number);
  return out;
}
