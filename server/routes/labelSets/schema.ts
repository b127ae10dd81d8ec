import { LABEL_SET_ID_PATTERN } from '../../http/schemas';

export const labelSetParamsSchema = {
  params: {
    type: 'object',
    required: ['id', 'version'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: LABEL_SET_ID_PATTERN },
      version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
    },
  },
} as const;

/** The body is checked by the label set validator (one definition, every problem named); here only its being an object. */
export const labelSetBodySchema = { body: { type: 'object' } } as const;

export const datasetParamsSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** Old question id → { to: new question id, classes: old code → new code or null (review) }. */
const mappingSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['to', 'classes'],
    additionalProperties: false,
    properties: { to: { type: 'string' }, classes: { type: 'object', additionalProperties: { type: ['string', 'null'] } } },
  },
} as const;

/** The body of a migration's plan (mapping optional: the proposed one) and of its apply (mapping required). */
export function migrationBodySchema(mappingRequired: boolean) {
  return {
    params: datasetParamsSchema,
    body: {
      type: 'object',
      required: mappingRequired ? ['toVersion', 'mapping'] : ['toVersion'],
      additionalProperties: false,
      properties: { toVersion: { type: 'integer', minimum: 1 }, mapping: mappingSchema },
    },
  } as const;
}
