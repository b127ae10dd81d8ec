import { badRequest } from '../../http/errors';
import { limitQuery, uuid } from '../../http/schemas';
import { REVIEW_QUEUE_STATES, type ReviewQueueState } from '../../../src/core/api';
import type { ReviewQueueFilter } from '../../services/review/queue';

export interface ReviewQueueQuery {
  readonly datasetId?: string;
  readonly annotatorId?: string;
  readonly submittedBefore?: string;
  readonly submittedAfter?: string;
  readonly disagreement?: 'only' | 'none';
  readonly state?: ReviewQueueState;
  readonly cursor?: string;
  readonly limit?: string;
}

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

// A date, or a date and time with an optional offset: what <input type="datetime-local"> and toISOString() give.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Submit times are stored as toISOString() text, so a bound compares as text once in that form. */
function timeOf(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const at = ISO_TIME.test(text) ? new Date(text) : null;
  if (!at || Number.isNaN(at.getTime())) throw badRequest(`${name} must be an ISO date or time, e.g. 2026-01-31 or 2026-01-31T09:00:00Z`);
  return at.toISOString();
}

export function reviewQueueFilterOf(query: ReviewQueueQuery): ReviewQueueFilter {
  const submittedBefore = timeOf('submittedBefore', query.submittedBefore);
  const submittedAfter = timeOf('submittedAfter', query.submittedAfter);
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
