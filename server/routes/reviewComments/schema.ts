import { MAX_COMMENT_BODY } from '../../../src/core/api';
import { idParams, uuid } from '../../http/schemas';

/** A message body; blank ones are refused by the route with a sentence. */
export const commentBody = { type: 'string', minLength: 1, maxLength: MAX_COMMENT_BODY } as const;

/** The anchor's shape is checked against the item by src/core/review/commentAnchor.ts. */
export const commentAnchor = { type: 'object' } as const;

export const listCommentsSchema = {
  params: idParams,
  querystring: { type: 'object', required: ['annotatorId'], additionalProperties: false, properties: { annotatorId: uuid } },
} as const;

export const newThreadSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['annotatorId', 'anchor', 'body'],
    additionalProperties: false,
    properties: { annotatorId: uuid, anchor: commentAnchor, body: commentBody },
  },
} as const;

const threadParams = { type: 'object', required: ['threadId'], additionalProperties: false, properties: { threadId: uuid } } as const;

export const replySchema = {
  params: threadParams,
  body: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: commentBody } },
} as const;

export const threadStatusSchema = { params: threadParams } as const;
