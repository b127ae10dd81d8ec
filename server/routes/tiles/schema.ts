import { TILE_VERSION_PATTERN } from '../../../src/core/validation/itemContent';
import { UUID_PATTERN } from '../../http/schemas';

/** Level, column and row as decimal integers (no signs, no leading junk); the grid check is the route's. */
const INDEX = { type: 'string', pattern: '^(0|[1-9][0-9]{0,8})$' } as const;

export const tileSchema = {
  params: {
    type: 'object',
    required: ['id', 'version', 'level', 'x', 'y'],
    additionalProperties: false,
    properties: { id: { type: 'string', pattern: UUID_PATTERN }, version: { type: 'string', pattern: TILE_VERSION_PATTERN }, level: INDEX, x: INDEX, y: INDEX },
  },
} as const;
