/**
 * The server's error codes (`ApiError.error`) as sentences a user understands, one table to
 * extend when the server gains a code. The server's own `message` is for developers and logs and
 * never reaches the screen; a code not listed here falls back to its HTTP status, then to a
 * generic sentence.
 */
import type { MessageKey } from '../../i18n';
import type { AppError } from '../../store/loadError';

export const ERROR_CODE_KEYS: Readonly<Record<string, MessageKey>> = {
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  invalid_input: 'error.invalidInput',
  bad_request: 'error.invalidInput',
  invalid_text: 'error.invalidText',
  invalid_batch: 'error.invalidBatch',
  value_out_of_range: 'error.valueOutOfRange',
  payload_too_large: 'error.payloadTooLarge',
  unsupported_media_type: 'error.unsupportedFile',
  item_locked: 'error.itemLocked',
  invalid_state: 'error.invalidState',
  conflict: 'error.conflict',
  name_taken: 'error.nameTaken',
  label_set_version_taken: 'labelSets.error.versionTaken',
  username_taken: 'error.usernameTaken',
  password_change_required: 'error.passwordChangeRequired',
  too_many_requests: 'error.tooManyRequests',
  nothing_to_export: 'error.nothingToExport',
  no_consensus: 'error.noConsensus',
  internal: 'error.server',
};

const STATUS_KEYS: Readonly<Record<number, MessageKey>> = {
  401: 'error.unauthorized',
  403: 'error.forbidden',
  404: 'error.notFound',
  413: 'error.payloadTooLarge',
  429: 'error.tooManyRequests',
};

/** The sentence for an error: by its code, else its status, else a generic one. */
export function errorKey(error: AppError): MessageKey {
  if (error.kind === 'offline') return 'error.offline';
  if (error.kind === 'unexpected') return 'error.generic';
  const byCode = error.code === undefined ? undefined : ERROR_CODE_KEYS[error.code];
  if (byCode) return byCode;
  return STATUS_KEYS[error.status] ?? (error.status >= 500 ? 'error.server' : 'error.generic');
}
