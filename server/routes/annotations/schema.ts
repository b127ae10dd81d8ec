import { idParams, uuid } from '../../http/schemas';

/** The document itself is checked by validateAnnotationDocument (src/core), which knows the label set. */
export const putDocumentSchema = {
  params: idParams,
  body: { type: 'object' },
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
