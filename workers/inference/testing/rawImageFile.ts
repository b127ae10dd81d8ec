/**
 * Image files for tests under Node, where `createImageBitmap` is absent: RGBA bytes in a Blob whose
 * type names the size, and the decoder that reads them back, standing in for `decodeOffscreen`.
 */
import type { DecodeImage } from '../encodedImage';

/** A `width` × `height` RGBA image as a file `decodeRawImage` reads. */
export function rawImageFile(width: number, height: number, rgba: Uint8ClampedArray): Blob {
  return new Blob([new Uint8Array(rgba)], { type: `image/x-test-rgba;width=${width};height=${height}` });
}

export const decodeRawImage: DecodeImage = async (image) => {
  const size = /width=(\d+);height=(\d+)/.exec(image.type);
  if (!size) throw new Error(`not a test image (${image.type || 'no type'})`);
  return { width: Number(size[1]), height: Number(size[2]), rgba: new Uint8ClampedArray(await image.arrayBuffer()) };
};
