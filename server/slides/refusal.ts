/** Why a file is not imported as a slide: a sentence for the report and a code for other languages. */
import type { ImportRefusalCode } from '../../src/core/api';

export type SlideRefusalCode = Extract<ImportRefusalCode, 'slideUnreadable' | 'slideTruncated' | 'slideTooLarge'>;

export class SlideRefusal extends Error {
  override readonly name = 'SlideRefusal';
  constructor(
    readonly code: SlideRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Level-0 px per side the server accepts: beyond any scanner's slide (a 25×75 mm slide at 0.12 µm/px is ~625,000 px). */
export const MAX_SLIDE_SIDE_PX = 1_000_000;
/** Bytes of one slide file. */
export const MAX_SLIDE_BYTES = 32 * 1024 ** 3;
