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

/** What the server accepts of one slide. */
export interface SlideLimits {
  /** Level-0 px per side: beyond any scanner's slide (a 25×75 mm slide at 0.12 µm/px is ~625,000 px). */
  readonly maxSidePx: number;
  /** Bytes of the file. */
  readonly maxBytes: number;
}

export const SLIDE_LIMITS: SlideLimits = { maxSidePx: 1_000_000, maxBytes: 32 * 1024 ** 3 };
