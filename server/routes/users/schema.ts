import { idParams, uuid } from '../../http/schemas';
import { ROLES } from '../../../src/core/api';

export const createUserSchema = {
  body: {
    type: 'object',
    required: ['username', 'displayName', 'roles'],
    additionalProperties: false,
    properties: {
      username: { type: 'string', pattern: '^[A-Za-z0-9._-]{2,64}$' },
      displayName: { type: 'string', minLength: 1, maxLength: 200 },
      password: { type: 'string', minLength: 1, maxLength: 1000 },
      roles: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', enum: ROLES },
      },
    },
  },
} as const;

export const updateUserSchema = {
  body: {
    type: 'object',
    required: ['disabled'],
    additionalProperties: false,
    properties: { disabled: { type: 'boolean' } },
  },
} as const;

export const userParamsSchema = idParams;

export const sessionParamsSchema = {
  type: 'object',
  required: ['id', 'sessionId'],
  additionalProperties: false,
  properties: { id: uuid, sessionId: uuid },
} as const;
