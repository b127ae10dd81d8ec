/** JSON-schema pieces shared by route schemas. Query values arrive as strings (no type coercion). */
import { INT32_MAX } from '../../src/core/validation/checks';

/**
 * The largest integer a route accepts where a database column holds it: PostgreSQL's `integer`
 * (SQLite's is wider). Every integer in a route schema is bounded by it, so an out-of-range value
 * is a 400 naming the field on both dialects, never a database error.
 */
export const MAX_DB_INTEGER = INT32_MAX;

/** A JSON-schema integer from `minimum` up to what the database holds. */
export const dbInteger = (minimum: number) => ({ type: 'integer', minimum, maximum: MAX_DB_INTEGER }) as const;

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const LABEL_SET_ID_PATTERN = '^[a-z0-9][a-z0-9._-]{0,99}$';

/** A change-feed checkpoint, `<txid>.<seq>`, or '' for the start. */
export const CHECKPOINT_PATTERN = '^(latest|[0-9]{1,15}\\.[0-9]{1,15})?$';

/** A box `x0,y0,x1,y1` in image px. */
export const BOX_PATTERN = '^-?[0-9]{1,9}(\\.[0-9]{1,6})?(,-?[0-9]{1,9}(\\.[0-9]{1,6})?){3}$';

/** An outline layer id, e.g. `nuclei`: it appears in URLs. */
export const LAYER_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

/** Readable names for patterns, used by the error plugin instead of echoing a regex. */
export const PATTERN_NAMES: Readonly<Record<string, string>> = {
  [UUID_PATTERN]: 'a UUID',
  [LABEL_SET_ID_PATTERN]: 'a label set id (lower-case letters, digits, . _ -)',
  '^[0-9]{1,15}$': 'a non-negative integer',
  '^[0-9]{1,4}$': 'an integer from 0 to 9999',
  '^[1-9][0-9]{0,8}$': 'a positive integer',
  [CHECKPOINT_PATTERN]: 'a checkpoint this server handed out, "latest", or empty',
  [BOX_PATTERN]: 'a box x0,y0,x1,y1 in image px',
  [LAYER_ID_PATTERN]: 'a layer id (lower-case letters, digits, -)',
};

export const uuid = { type: 'string', pattern: UUID_PATTERN } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: uuid },
} as const;

export const limitQuery = { type: 'string', pattern: '^[0-9]{1,4}$' } as const;
export const seqQuery = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
export const checkpointQuery = { type: 'string', pattern: CHECKPOINT_PATTERN } as const;
export const boxQuery = { type: 'string', pattern: BOX_PATTERN } as const;

/** Parses a validated `limit` query value into [1, max], with a default when absent. */
export function limitOf(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  return Math.min(Math.max(Number(text), 1), max);
}
