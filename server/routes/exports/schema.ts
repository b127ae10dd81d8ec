import { idParams, uuid } from '../../http/schemas';

/** The query of a derived-object export (SEG, SR): the SR names the SEG of the same document and question itself. */
export interface ExportQuery {
  /** A region question of the item's label set; absent: its only one. */
  readonly question?: string;
  /** A reader's user id, or `consensus`; absent: the caller's own document. */
  readonly reader?: string;
}

const question = { type: 'string', minLength: 1, maxLength: 100 } as const;
const reader = { oneOf: [uuid, { type: 'string', const: 'consensus' }] } as const;

export const exportSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { question, reader },
  },
} as const;
