import { MAX_PULLED_STUDIES } from '../../dicomweb/pull';
import { UUID_PATTERN } from '../../http/schemas';

/** A DICOM UID (PS3.5 §9.1): digits and dots, at most 64 characters. */
const uid = { type: 'string', pattern: '^[0-9][0-9.]{0,63}$' } as const;

const params = (...uids: readonly string[]) =>
  ({
    type: 'object',
    required: ['datasetId', ...uids],
    additionalProperties: false,
    properties: { datasetId: { type: 'string', pattern: UUID_PATTERN }, ...Object.fromEntries(uids.map((name) => [name, uid])) },
  }) as const;

export const datasetParams = { params: params() } as const;
export const studyParams = { params: params('study') } as const;
export const seriesParams = { params: params('study', 'series') } as const;
export const instanceParams = { params: params('study', 'series', 'instance') } as const;
/** An instance's path with its `frames` segment (1-based frame numbers) matching `pattern`. */
const withFrames = (pattern: string) =>
  ({
    params: {
      ...params('study', 'series', 'instance'),
      required: ['datasetId', 'study', 'series', 'instance', 'frames'],
      properties: { ...params('study', 'series', 'instance').properties, frames: { type: 'string', pattern } },
    },
  }) as const;

export const framesParams = withFrames('^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8}){0,999}$');
/** One frame: a rendered frame is a single image (the segment is named `frames` as the frames route's, which shares its path). */
export const renderedFrameParams = withFrames('^[1-9][0-9]{0,8}$');

const datasetIdParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: UUID_PATTERN } } } as const;
const pacs = {
  baseUrl: { type: 'string', minLength: 1, maxLength: 2000 },
  username: { type: 'string', maxLength: 200 },
  password: { type: 'string', maxLength: 200 },
} as const;
const qidoQuery = { type: 'object', additionalProperties: { type: 'string', maxLength: 200 }, maxProperties: 20 } as const;

export const pullSchema = {
  params: datasetIdParams,
  body: {
    type: 'object',
    required: ['baseUrl'],
    additionalProperties: false,
    properties: {
      ...pacs,
      studyInstanceUid: uid,
      seriesInstanceUid: uid,
      studyInstanceUids: { type: 'array', items: uid, minItems: 1, maxItems: MAX_PULLED_STUDIES, uniqueItems: true },
      query: qidoQuery,
    },
  },
} as const;

export const pacsQuerySchema = {
  params: datasetIdParams,
  body: { type: 'object', required: ['baseUrl', 'query'], additionalProperties: false, properties: { ...pacs, query: { ...qidoQuery, minProperties: 1 } } },
} as const;

export const pushSchema = {
  params: datasetIdParams,
  body: {
    type: 'object',
    required: ['baseUrl', 'objects'],
    additionalProperties: false,
    properties: {
      ...pacs,
      itemIds: { type: 'array', maxItems: 1000, items: { type: 'string', pattern: UUID_PATTERN } },
      objects: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string', enum: ['seg', 'sr'] } },
      reader: { oneOf: [{ type: 'string', pattern: UUID_PATTERN }, { type: 'string', const: 'consensus' }] },
      question: { type: 'string', minLength: 1, maxLength: 100 },
      after: { type: 'string', pattern: UUID_PATTERN },
    },
  },
} as const;
