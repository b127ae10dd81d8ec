import { badRequest } from '../../http/errors';
import { isoTimeOf } from '../../http/isoTime';
import { limitQuery, uuid } from '../../http/schemas';
import { REVIEW_QUEUE_STATES, type ReviewQueueQuery } from '../../../src/core/api';
import type { ReviewQueueFilter } from '../../services/review/queue';

/** The query string as it arrives: the client's query, `limit` still text. */
export type ReviewQueueQueryString = Omit<ReviewQueueQuery, 'limit'> & { readonly limit?: string };

const time = { type: 'string', minLength: 1, maxLength: 40 } as const;

export const reviewQueueSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      datasetId: uuid,
      annotatorId: uuid,
      submittedBefore: time,
      submittedAfter: time,
      disagreement: { type: 'string', enum: ['only', 'none'] },
      state: { type: 'string', enum: [...REVIEW_QUEUE_STATES] },
      cursor: { type: 'string', minLength: 1, maxLength: 2000 },
      limit: limitQuery,
    },
  },
} as const;

export function reviewQueueFilterOf(query: ReviewQueueQueryString): ReviewQueueFilter {
  const submittedBefore = isoTimeOf('submittedBefore', query.submittedBefore);
  const submittedAfter = isoTimeOf('submittedAfter', query.submittedAfter);
  if (submittedBefore !== undefined && submittedAfter !== undefined && submittedAfter >= submittedBefore) {
    throw badRequest('submittedAfter must be before submittedBefore');
  }
  return {
    state: query.state ?? 'submitted',
    ...(query.datasetId !== undefined && { datasetId: query.datasetId }),
    ...(query.annotatorId !== undefined && { annotatorId: query.annotatorId }),
    ...(submittedBefore !== undefined && { submittedBefore }),
    ...(submittedAfter !== undefined && { submittedAfter }),
    ...(query.disagreement !== undefined && { disagreement: query.disagreement }),
  };
}
