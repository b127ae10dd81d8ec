import { boxQuery, idParams, limitQuery, seqQuery, uuid } from '../../http/schemas';
import { commentAnchor } from '../reviewComments/schema';

/**
 * Largest body of one op batch. It holds the largest record the record limits allow (a mask of
 * `RECORD_LIMITS.maxRuns` runs written with ten digits each is about 11 MB; an outline of
 * `maxVertices` vertices about 0.3 MB), so every valid record can be sent, and it bounds the
 * CPU one request can ask of the server (about 1.5 s of parsing and validating, in a worker).
 */
export const MAX_BATCH_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The body (`OpBatch`) is parsed and checked by batchInput.ts, in a worker when large, against the
 * label set and the item's targets: `{ ops: 1…MAX_OPS_PER_BATCH operations, legacyBaseRevision? }`.
 */
export const patchBatchSchema = { params: idParams } as const;

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
      anchor: commentAnchor,
    },
  },
} as const;
