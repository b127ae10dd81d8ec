import { TILE_VERSION_PATTERN } from '../../../src/core/validation/itemContent';
import { UUID_PATTERN } from '../../http/schemas';

export const frameSchema = {
  params: {
    type: 'object',
    required: ['id', 'targetId'],
    additionalProperties: false,
    properties: { id: { type: 'string', pattern: UUID_PATTERN }, targetId: { type: 'string', pattern: UUID_PATTERN } },
  },
} as const;

export const spriteSchema = {
  params: {
    type: 'object',
    required: ['id', 'version', 'sheet'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: UUID_PATTERN },
      version: { type: 'string', pattern: TILE_VERSION_PATTERN },
      sheet: { type: 'string', pattern: '^(0|[1-9][0-9]{0,8})$' },
    },
  },
} as const;
