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
    required: ['userId'],
    additionalProperties: false,
    properties: {
      userId: uuid,
      itemIds: { type: 'array', maxItems: 100000, items: uuid },
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
