import { idParams, limitQuery, UUID_PATTERN } from '../../http/schemas';

export const listItemsSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      cursor: { type: 'string', minLength: 1, maxLength: 2000 },
      limit: limitQuery,
    },
  },
} as const;

export const itemSchema = { params: idParams } as const;

/** The series of an item's study: paged as a dataset's items are. */
export const studySchema = listItemsSchema;

export const fileSchema = {
  params: {
    type: 'object',
    required: ['id', 'fileId'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: UUID_PATTERN },
      fileId: { type: 'string', pattern: UUID_PATTERN },
    },
  },
} as const;
