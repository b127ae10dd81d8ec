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
