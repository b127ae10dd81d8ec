import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isJ2kDecoderModule, patchJ2kSignedness } from './j2kSignedness';

const decoderPath = (name: string) =>
  fileURLToPath(new URL(`../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/shared/decoders/${name}.js`, import.meta.url));

describe('patchJ2kSignedness', () => {
  it.each(['decodeJPEG2000', 'decodeHTJ2K'])('makes %s read samples by PixelRepresentation', (name) => {
    const patched = patchJ2kSignedness(readFileSync(decoderPath(name), 'utf8'));
    expect(patched).toContain('getPixelData(frameInfo, decodedBufferInWASM, imageInfo.pixelRepresentation === 1)');
    expect(patched).not.toContain('getPixelData(frameInfo, decodedBufferInWASM);');
  });

  it('fails loudly when the decoder source is not the one it was written for', () => {
    const source = readFileSync(decoderPath('decodeJPEG2000'), 'utf8');
    expect(() => patchJ2kSignedness(patchJ2kSignedness(source))).toThrow(/found it 0×.*decoder changed/);
    expect(() => patchJ2kSignedness('export default function decode() {}')).toThrow(/mejirushi:j2k-signedness/);
  });

  it('matches only the two JPEG 2000 decoders, whatever the path style or query', () => {
    expect(isJ2kDecoderModule(`${decoderPath('decodeJPEG2000')}?v=12ab`)).toBe(true);
    expect(isJ2kDecoderModule(decoderPath('decodeHTJ2K').replaceAll('/', '\\'))).toBe(true);
    expect(isJ2kDecoderModule(decoderPath('decodeJPEGLS'))).toBe(false);
  });
});
