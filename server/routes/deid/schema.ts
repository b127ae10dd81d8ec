import { idParams } from '../../http/schemas';

const deidOptions = {
  type: 'object',
  required: ['temporal', 'retainPatientCharacteristics', 'retainDeviceIdentity', 'cleanDescriptors', 'cleanStructuredContent', 'retainSafePrivate'],
  additionalProperties: false,
  properties: {
    temporal: { type: 'string', enum: ['off', 'modifiedDates', 'fullDates'] },
    retainPatientCharacteristics: { type: 'boolean' },
    retainDeviceIdentity: { type: 'boolean' },
    cleanDescriptors: { type: 'boolean' },
    cleanStructuredContent: { type: 'boolean' },
    retainSafePrivate: { type: 'boolean' },
    burnedInCheck: { type: 'string', enum: ['off', 'likely', 'all'] },
  },
} as const;

export const setDeidPolicySchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['mode'],
    additionalProperties: false,
    properties: { mode: { type: 'string', enum: ['off', 'required'] }, options: deidOptions },
  },
} as const;

export const deidKeySchema = {
  params: { type: 'object', required: ['keyId'], properties: { keyId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } },
} as const;

/** A report's shape is checked by parseDeidReport (src/core/deid/report.ts); here only its size. */
export const postDeidReportSchema = {
  params: idParams,
  body: { type: 'object' },
} as const;
