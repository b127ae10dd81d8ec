/**
 * An image sent to the inference worker as its file (a frame's served JPEG or PNG), decoded there:
 * the page fetches the bytes and posts the Blob (a handle; its bytes are not copied), so neither
 * the decode nor the pixel read-back ever runs on the main thread. The worker turns it into the
 * `rgbaImage` the pipelines read, mapped back to the frame's recorded size.
 */
import type { ModelInput } from '../../src/core/models/modelInput';

export interface EncodedImage {
  readonly kind: 'encodedImage';
  readonly targetId: string;
  /** The image file as served (JPEG, PNG, WebP: what `createImageBitmap` decodes). */
  readonly image: Blob;
  /**
   * The frame's width as the item records it (image px). A served image of another size is scaled
   * back, so proposals land in the frame's own px; 0 when unknown (taken as served).
   */
  readonly recordedWidth: number;
}

/** What a `run` message carries per input: pixels already read, or a file for the worker to decode. */
export type InputToRun = ModelInput | EncodedImage;

/** Decoded pixels of an image file, RGBA row-major (image px, origin top-left). */
export interface DecodedPixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** Decodes an image file: `decodeOffscreen` in the worker, a stand-in in tests under Node. */
export type DecodeImage = (image: Blob) => Promise<DecodedPixels>;

/** The pixels a pipeline reads for `input`: an encoded image decoded by `decode`, anything else as it came. */
export async function decodedInput(input: InputToRun, decode: DecodeImage): Promise<ModelInput> {
  if (input.kind !== 'encodedImage') return input;
  const { width, height, rgba } = await decode(input.image);
  const scale = input.recordedWidth > 0 && width > 0 ? input.recordedWidth / width : 1;
  return { kind: 'rgbaImage', targetId: input.targetId, width, height, rgba, origin: [0, 0], scale };
}

/** `createImageBitmap` + `OffscreenCanvas`, both offered to dedicated workers (Chromium, Firefox, Safari 17+). */
export const decodeOffscreen: DecodeImage = async (image) => {
  const bitmap = await createImageBitmap(image);
  try {
    const { width, height } = bitmap;
    const context = new OffscreenCanvas(width, height).getContext('2d');
    if (!context) throw new Error('this browser cannot draw off screen');
    context.drawImage(bitmap, 0, 0);
    return { width, height, rgba: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
};
