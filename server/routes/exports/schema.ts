import { idParams, uuid } from '../../http/schemas';

export interface SegExportQuery {
  /** A region question of the item's label set; absent: its only one. */
  readonly question?: string;
  /** A reader's user id, or `consensus`; absent: the caller's own document. */
  readonly reader?: string;
}

export const segExportSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      question: { type: 'string', minLength: 1, maxLength: 100 },
      reader: { oneOf: [uuid, { type: 'string', const: 'consensus' }] },
    },
  },
} as const;
