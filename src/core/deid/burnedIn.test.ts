import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { burnedInReason } from './burnedIn';
import { CT_IMAGE_STORAGE, pixelDicom } from './testing/pixelDicom';

const dataSetOf = (bytes: Uint8Array) => dcmjs.data.DicomMessage.readFile(bytes.buffer as ArrayBuffer).dict;
const image = (spec: Partial<Parameters<typeof pixelDicom>[0]>) => dataSetOf(pixelDicom({ rows: 2, columns: 2, pixels: new Uint8Array(4), ...spec }));

describe('burnedInReason', () => {
  it('flags the kinds that carry burned-in text, and CT only when the policy asks for every image', () => {
    expect(burnedInReason(image({ modality: 'US' }), 'likely')).toBe('ultrasound');
    expect(burnedInReason(image({ modality: 'OT', sopClass: '1.2.840.10008.5.1.4.1.1.7' }), 'likely')).toBe('secondaryCapture');
    expect(burnedInReason(image({ modality: 'ES', sopClass: '1.2.840.10008.5.1.4.1.1.77.1.1' }), 'likely')).toBe('visibleLight');
    expect(burnedInReason(image({ modality: 'CT', sopClass: CT_IMAGE_STORAGE, burnedInAnnotation: 'YES' }), 'likely')).toBe('burnedInAnnotation');
    expect(burnedInReason(image({ modality: 'CT', sopClass: CT_IMAGE_STORAGE }), 'likely')).toBeNull();
    expect(burnedInReason(image({ modality: 'CT', sopClass: CT_IMAGE_STORAGE }), 'all')).toBe('policy');
  });

  it('asks nothing when the policy checks no pixels', () => {
    expect(burnedInReason(image({ modality: 'US' }), 'off')).toBeNull();
  });
});
