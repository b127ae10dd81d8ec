import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptableManifest } from '../../src/core/models/testManifests';
import { readUploadedFiles, UploadSizeError } from './readUploadedFiles';

const manifest = promptableManifest({ files: { kind: 'encoderDecoder', encoder: { sha256: 'a'.repeat(64), bytes: 5 }, decoder: { sha256: 'b'.repeat(64), bytes: 3 } } });
const body = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('readUploadedFiles', () => {
  it('splits one body into the manifest\'s files by their declared sizes, whatever the chunks', async () => {
    const files = await readUploadedFiles(manifest, body('enc', 'odD', 'E', 'C'));
    expect(Buffer.from(files.encoder ?? []).toString()).toBe('encod');
    expect(Buffer.from(files.decoder ?? []).toString()).toBe('DEC');
  });

  it('refuses a body longer or shorter than the files add up to', async () => {
    await expect(readUploadedFiles(manifest, body('encodeDECx'))).rejects.toThrow(new UploadSizeError('the upload sent more than the 8 bytes the manifest\'s files add up to'));
    await expect(readUploadedFiles(manifest, body('encod'))).rejects.toThrow('the upload ended after 5 bytes, but the manifest\'s files add up to 8');
  });
});
