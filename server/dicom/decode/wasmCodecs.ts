/**
 * The WebAssembly decoders the viewer itself uses (@cornerstonejs codec packages: libjpeg-turbo,
 * CharLS, OpenJPEG, OpenJPH, libjxl), loaded in Node for the importer's check that a frame
 * decodes. Each is loaded once per thread, on first use.
 */
import { createRequire } from 'node:module';

/** What every one of these emscripten decoders offers (a subset of each one's API). */
export interface WasmFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  /** The decoded samples, little-endian, in the codec's own memory (overwritten by its next decode). */
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
}

interface CodecSpec {
  readonly name: string;
  readonly module: string;
  readonly decoderClass: string;
}

export const CODECS = {
  jpeg8: { name: 'JPEG (libjpeg-turbo)', module: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', decoderClass: 'JPEGDecoder' },
  jpegLs: { name: 'JPEG-LS (CharLS)', module: '@cornerstonejs/codec-charls/decodewasmjs', decoderClass: 'JpegLSDecoder' },
  jpeg2000: { name: 'JPEG 2000 (OpenJPEG)', module: '@cornerstonejs/codec-openjpeg/decodewasmjs', decoderClass: 'J2KDecoder' },
  htj2k: { name: 'HTJ2K (OpenJPH)', module: '@cornerstonejs/codec-openjph/wasmjs', decoderClass: 'HTJ2KDecoder' },
  jpegXl: { name: 'JPEG XL (libjxl)', module: '@cornerstonejs/codec-libjxl/decodewasmjs', decoderClass: 'JpegXLDecoder' },
} as const satisfies Record<string, CodecSpec>;

export type WasmCodec = keyof typeof CODECS;

const require = createRequire(import.meta.url);
const loaded = new Map<WasmCodec, Promise<new () => WasmFrameDecoder>>();

/** A fresh decoder (the codec's module is shared): one frame's state never leaks into the next. */
export async function wasmDecoder(codec: WasmCodec): Promise<WasmFrameDecoder> {
  let pending = loaded.get(codec);
  if (!pending) {
    const spec = CODECS[codec];
    // The emscripten factories are untyped CommonJS: a factory giving a module of decoder classes.
    const factory = require(spec.module) as (options: object) => Promise<Record<string, new () => WasmFrameDecoder>>;
    // OpenJPEG narrates every decode on stdout; the importer reports outcomes itself.
    const quiet = { print: () => undefined, printErr: () => undefined };
    pending = factory(quiet).then((module) => {
      const Decoder = module[spec.decoderClass];
      if (!Decoder) throw new Error(`${spec.module} has no ${spec.decoderClass}`);
      return Decoder;
    });
    loaded.set(codec, pending);
  }
  const Decoder = await pending;
  return new Decoder();
}
