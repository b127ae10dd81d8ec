import { MAX_READERS_PER_REQUEST } from '../../../src/core/api';
import { ASSIGN_STRATEGIES } from '../../../src/core/assignment/planAssignments';
import { dbInteger, idParams, LABEL_SET_ID_PATTERN, uuid } from '../../http/schemas';

export const createDatasetSchema = {
  body: {
    type: 'object',
    required: ['name', 'labelSetId', 'labelSetVersion'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string', maxLength: 5000 },
      labelSetId: { type: 'string', pattern: LABEL_SET_ID_PATTERN },
      labelSetVersion: dbInteger(1),
    },
  },
} as const;

export const assignSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['readerIds'],
    additionalProperties: false,
    properties: {
      readerIds: { type: 'array', minItems: 1, maxItems: MAX_READERS_PER_REQUEST, items: uuid },
      strategy: { type: 'string', enum: ASSIGN_STRATEGIES },
      readersPerItem: { type: 'integer', minimum: 1, maximum: MAX_READERS_PER_REQUEST },
      itemIds: { type: 'array', maxItems: 100000, items: uuid },
      dueDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    },
  },
} as const;

export const uploadSchema = {
  params: idParams,
  headers: {
    type: 'object',
    properties: { 'x-file-name': { type: 'string', minLength: 1, maxLength: 1000 } },
  },
} as const;

export const stageStillSchema = { params: idParams } as const;

/** Stills of one folder upload at most: the largest endoscopy sets are ~20,000 images. */
export const MAX_STILLS_PER_SET = 50_000;

export const stillsImportSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['files'],
    additionalProperties: false,
    properties: {
      files: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_STILLS_PER_SET,
        items: {
          type: 'object',
          required: ['name', 'sha256'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 1000 }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        },
      },
    },
  },
} as const;
