import { idParams, uuid } from '../../http/schemas';

export interface SegExportQuery {
  /** A region question of the item's label set; absent: its only one. */
  readonly question?: string;
  /** A reader's user id, or `consensus`; absent: the caller's own document. */
  readonly reader?: string;
}

const question = { type: 'string', minLength: 1, maxLength: 100 } as const;
const reader = { oneOf: [uuid, { type: 'string', const: 'consensus' }] } as const;

export const segExportSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { question, reader },
  },
} as const;

export interface SrExportQuery extends SegExportQuery {
  /** The SOP Instance UID of the SEG of the same masks, with `segSeries`: measurements then name its segments. */
  readonly seg?: string;
  /** That SEG's Series Instance UID. */
  readonly segSeries?: string;
}

/** A DICOM UID (PS3.5 9.1): dot-separated numbers without leading zeros, at most 64 characters. */
const dicomUid = { type: 'string', maxLength: 64, pattern: '^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+$' } as const;

export const srExportSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { question, reader, seg: dicomUid, segSeries: dicomUid },
    dependencies: { seg: ['segSeries'], segSeries: ['seg'] },
  },
} as const;
