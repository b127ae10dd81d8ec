/**
 * A TILED_FULL DICOM WSI instance of any size that is never written out: its header is real bytes,
 * its pixel data the same JPEG frame repeated, and `read` computes any range on demand. Tests use
 * it to open instances of several gigabytes and to count what the reader reads.
 */
import type { ByteSource } from '../slides/dicomWsi/byteSource';
import { JPEG_BASELINE, VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE } from '../slides/dicomWsi/instance';
import { encodeElement, part10File, type DicomElement } from '../dicom/write';

export interface VirtualWsiOptions {
  readonly tilesAcross: number;
  readonly tilesDown: number;
  readonly tileSize: number;
  /** Every frame's JPEG bytes. */
  readonly frame: Uint8Array;
  /** Where frames are found: Extended Offset Table, Basic Offset Table, or neither (a walk over fragments). */
  readonly offsetTable: 'extended' | 'basic' | 'none';
  readonly photometricInterpretation?: string;
  /** 2: each frame stored as two fragments (only without an Extended Offset Table, which forbids it). */
  readonly fragmentsPerFrame?: 1 | 2;
}

export interface ReadCall {
  readonly offset: number;
  readonly length: number;
}

export interface VirtualWsi extends ByteSource {
  readonly frames: number;
  /** Every read asked of it, in order. */
  readonly reads: ReadCall[];
}

export function virtualWsi(options: VirtualWsiOptions): VirtualWsi {
  const { tilesAcross, tilesDown, tileSize, offsetTable } = options;
  const frames = tilesAcross * tilesDown;
  // Fragments have even lengths: an odd JPEG gets one 0 byte after its end.
  const padded = options.frame.length % 2 === 0 ? options.frame : Uint8Array.from([...options.frame, 0]);
  const cut = options.fragmentsPerFrame === 2 ? 2 * Math.floor(padded.length / 4) : padded.length;
  const fragments = [padded.subarray(0, cut), padded.subarray(cut)].filter((part) => part.length > 0);
  const stride = 8 * fragments.length + padded.length;
  const elements: DicomElement[] = [
    { tag: 0x00080008, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE'] },
    { tag: 0x00080016, vr: 'UI', value: VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: '2.25.300000000000000000000000000000001' },
    { tag: 0x0020000d, vr: 'UI', value: '2.25.300000000000000000000000000000002' },
    { tag: 0x0020000e, vr: 'UI', value: '2.25.300000000000000000000000000000003' },
    { tag: 0x00209311, vr: 'CS', value: 'TILED_FULL' },
    { tag: 0x00280002, vr: 'US', value: 3 },
    { tag: 0x00280004, vr: 'CS', value: options.photometricInterpretation ?? 'YBR_FULL_422' },
    { tag: 0x00280008, vr: 'IS', value: frames },
    { tag: 0x00280010, vr: 'US', value: tileSize },
    { tag: 0x00280011, vr: 'US', value: tileSize },
    { tag: 0x00280100, vr: 'US', value: 8 },
    { tag: 0x00480006, vr: 'UL', value: tilesAcross * tileSize },
    { tag: 0x00480007, vr: 'UL', value: tilesDown * tileSize },
  ];
  const offsets = Array.from({ length: frames }, (_, i) => i * stride);
  if (offsetTable === 'extended') {
    elements.push({ tag: 0x7fe00001, vr: 'OV', value: offsets }, { tag: 0x7fe00002, vr: 'OV', value: offsets.map(() => padded.length) });
  }
  // Pixel Data, OB, undefined length: fragments follow.
  const pixelDataHeader = Uint8Array.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  const basic = offsetTable === 'basic' ? offsets : [];
  const table = new Uint8Array(8 + 4 * basic.length);
  const view = new DataView(table.buffer);
  view.setUint32(0, 0xe000fffe, true);
  view.setUint32(4, 4 * basic.length, true);
  basic.forEach((offset, i) => view.setUint32(8 + 4 * i, offset, true));
  const head = part10File({ sopClassUid: VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE, sopInstanceUid: '2.25.300000000000000000000000000000001' }, JPEG_BASELINE, [...elements.map(encodeElement), pixelDataHeader, table]);
  // One frame's bytes as stored: each fragment's item header, then the fragment.
  const stored = new Uint8Array(stride);
  let at = 0;
  for (const part of fragments) {
    new DataView(stored.buffer).setUint32(at, 0xe000fffe, true);
    new DataView(stored.buffer).setUint32(at + 4, part.length, true);
    stored.set(part, at + 8);
    at += 8 + part.length;
  }
  const delimiter = Uint8Array.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  const fragmentsEnd = head.length + frames * stride;
  const size = fragmentsEnd + delimiter.length;
  const reads: ReadCall[] = [];

  /** The byte run starting at `at` up to the end of its region, as a view. */
  const runAt = (at: number): Uint8Array => {
    if (at < head.length) return head.subarray(at);
    if (at >= fragmentsEnd) return delimiter.subarray(at - fragmentsEnd);
    return stored.subarray((at - head.length) % stride);
  };

  return {
    size,
    frames,
    reads,
    async read(offset, length) {
      reads.push({ offset, length });
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      for (let done = 0; done < out.length; ) {
        const run = runAt(offset + done);
        const n = Math.min(run.length, out.length - done);
        out.set(run.subarray(0, n), done);
        done += n;
      }
      return out;
    },
  };
}
