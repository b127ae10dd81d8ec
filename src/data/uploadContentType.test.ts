import { describe, expect, it } from 'vitest';
import { uploadContentType } from './uploadContentType';

describe('uploadContentType', () => {
  it('sends slides as image/tiff, by name or by the browser\'s type, and everything else as DICOM', () => {
    const blob = (type = '') => new Blob([new Uint8Array(4)], { type });
    expect(uploadContentType('CMU-1.svs', blob())).toBe('image/tiff');
    expect(uploadContentType('folder/生検 HE.NDPI', blob())).toBe('image/tiff');
    expect(uploadContentType('slide.ome.tif', blob())).toBe('image/tiff');
    expect(uploadContentType('scan', blob('image/tiff'))).toBe('image/tiff');
    expect(uploadContentType('IM000001', blob())).toBe('application/dicom');
    expect(uploadContentType('wsi-level0.dcm', blob('application/dicom'))).toBe('application/dicom');
  });

  it('sends videos as their video type, by name or by the browser\'s type, under the large-file limit', () => {
    const blob = (type = '') => new Blob([new Uint8Array(4)], { type });
    expect(uploadContentType('colonoscopy.MP4', blob())).toBe('video/mp4');
    expect(uploadContentType('clip', blob('video/mp4'))).toBe('video/mp4');
    expect(uploadContentType('gastroscopy.webm', blob())).toBe('video/webm');
  });

  it('sends stills as their image type, by name or by the browser\'s type', () => {
    const blob = (type = '') => new Blob([new Uint8Array(4)], { type });
    expect(uploadContentType('fundus.jpg', blob('image/jpeg'))).toBe('image/jpeg');
    expect(uploadContentType('SATO^JIRO/img1.JPEG', blob())).toBe('image/jpeg');
    expect(uploadContentType('eye.png', blob())).toBe('image/png');
    expect(uploadContentType('still', blob('image/png'))).toBe('image/png');
  });
});
