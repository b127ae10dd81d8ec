import { describe, expect, it } from 'vitest';
import { orderUploadFiles } from './modelUploadFiles';

const pair = [
  { role: 'encoder', sha256: 'a'.repeat(64), bytes: 10 },
  { role: 'decoder', sha256: 'b'.repeat(64), bytes: 20 },
] as const;

describe('orderUploadFiles', () => {
  it('puts encoder and decoder files in the order the server asked, by name', () => {
    expect(orderUploadFiles(pair, [{ name: 'sam_decoder.onnx' }, { name: 'sam_encoder.onnx' }])?.map((f) => f.name)).toEqual(['sam_encoder.onnx', 'sam_decoder.onnx']);
  });

  it('keeps the chosen order when names do not tell, and needs as many files as the manifest names', () => {
    expect(orderUploadFiles(pair, [{ name: 'a.onnx' }, { name: 'b.onnx' }])?.map((f) => f.name)).toEqual(['a.onnx', 'b.onnx']);
    expect(orderUploadFiles(pair, [{ name: 'a.onnx' }])).toBeNull();
    expect(orderUploadFiles([{ role: 'model', sha256: 'c'.repeat(64), bytes: 5 }], [{ name: 'model.onnx' }])?.map((f) => f.name)).toEqual(['model.onnx']);
  });
});
