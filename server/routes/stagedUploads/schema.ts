import { idParams, uuid } from '../../http/schemas';

/** Files of one staged upload at most: a large CT or MR study is a few thousand slices. */
export const MAX_STAGED_FILES = 100_000;

export const createStagedUploadSchema = { params: idParams } as const;

export const stagedFileSchema = {
  params: {
    type: 'object',
    required: ['id', 'index'],
    additionalProperties: false,
    // Path parameters are strings (no coercion): the index is checked by its digits.
    properties: { id: uuid, index: { type: 'string', pattern: '^(0|[1-9][0-9]{0,4})$' } },
  },
  headers: {
    type: 'object',
    properties: {
      'x-file-name': { type: 'string', minLength: 1, maxLength: 1000 },
      'x-deid-report-bytes': { type: 'string', maxLength: 8 },
    },
  },
} as const;

export const stagedUploadSchema = { params: idParams } as const;

export const stagedBatchSchema = {
  params: idParams,
  headers: {
    type: 'object',
    // 32 parts of a row index, two lengths and a percent-encoded name (src/core/staged/stagedParts.ts).
    properties: { 'x-staged-parts': { type: 'string', minLength: 1, maxLength: 16_384 } },
  },
} as const;
