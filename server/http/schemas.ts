/** JSON-schema pieces shared by route schemas. Query values arrive as strings (no type coercion). */

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const LABEL_SET_ID_PATTERN = '^[a-z0-9][a-z0-9._-]{0,99}$';

/** Readable names for patterns, used by the error plugin instead of echoing a regex. */
export const PATTERN_NAMES: Readonly<Record<string, string>> = {
  [UUID_PATTERN]: 'a UUID',
  [LABEL_SET_ID_PATTERN]: 'a label set id (lower-case letters, digits, . _ -)',
  '^[0-9]{1,15}$': 'a non-negative integer',
  '^[0-9]{1,4}$': 'an integer from 0 to 9999',
  '^[1-9][0-9]{0,8}$': 'a positive integer',
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

/** Parses a validated `limit` query value into [1, max], with a default when absent. */
export function limitOf(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  return Math.min(Math.max(Number(text), 1), max);
}
