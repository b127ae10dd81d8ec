import { MAX_OPS_PER_BATCH } from '../../../src/core/records';
import { boxQuery, idParams, limitQuery, seqQuery, uuid } from '../../http/schemas';

/** Each op is checked by validateRecordOp (src/core), which knows the label set and the item's targets. */
export const patchBatchSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['ops'],
    additionalProperties: false,
    properties: {
      ops: { type: 'array', minItems: 1, maxItems: MAX_OPS_PER_BATCH },
      legacyBaseRevision: { type: 'integer', minimum: 0 },
    },
  },
} as const;

export interface PatchBatchBody {
  readonly ops: readonly unknown[];
  readonly legacyBaseRevision?: number;
}

const recordPageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', minLength: 1, maxLength: 256 },
    limit: limitQuery,
    target: { type: 'string', minLength: 1, maxLength: 256 },
    bbox: boxQuery,
  },
} as const;

export interface RecordPageQuery {
  readonly after?: string;
  readonly limit?: string;
  readonly target?: string;
  readonly bbox?: string;
}

export const myRecordsSchema = { params: idParams, querystring: recordPageQuery } as const;

export const annotatorRecordsSchema = {
  params: {
    type: 'object',
    required: ['id', 'annotatorId'],
    additionalProperties: false,
    properties: { id: uuid, annotatorId: uuid },
  },
  querystring: recordPageQuery,
} as const;

export const opsSinceSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { since: seqQuery, limit: limitQuery },
  },
} as const;

export const itemParamsSchema = { params: idParams } as const;

export const reviewSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['annotatorId', 'decision'],
    additionalProperties: false,
    properties: {
      annotatorId: uuid,
      decision: { type: 'string', enum: ['approve', 'return'] },
      comment: { type: 'string', maxLength: 10000 },
    },
  },
} as const;
