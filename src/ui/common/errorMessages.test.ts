import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from '../../data/api';
import { t } from '../../i18n';
import { messages } from '../../i18n/messages';
import { toAppError } from '../../store/loadError';
import { ERROR_CODE_KEYS, errorKey } from './errorMessages';

const fromServer = (status: number, body: unknown) => toAppError(new ApiRequestError(status, body));

describe('errorKey', () => {
  it('turns a server code into a sentence, never the server message', () => {
    const error = fromServer(400, { error: 'invalid_input', message: 'params/id must be a UUID', field: 'params/id' });
    expect(errorKey(error)).toBe('error.invalidInput');
    expect(t(errorKey(error))).not.toMatch(/UUID|params|400/);
    expect(errorKey(fromServer(409, { error: 'item_locked', message: 'the item is submitted' }))).toBe('error.itemLocked');
    expect(errorKey(fromServer(400, { error: 'invalid_text', message: 'body/name must be valid Unicode text' }))).toBe('error.invalidText');
  });

  it('falls back to the status for an unknown code, then to a generic sentence', () => {
    expect(errorKey(fromServer(404, { error: 'no_such_thing', message: 'x' }))).toBe('error.notFound');
    expect(errorKey(fromServer(418, { error: 'teapot', message: 'x' }))).toBe('error.generic');
    expect(errorKey(fromServer(502, '<html>Bad gateway</html>'))).toBe('error.server');
    expect(errorKey(toAppError(new NetworkError(new TypeError('fetch failed'))))).toBe('error.offline');
    expect(errorKey(toAppError(new Error('boom')))).toBe('error.generic');
  });

  it('has every sentence of the table in English and Japanese', () => {
    for (const key of [...Object.values(ERROR_CODE_KEYS), 'error.generic', 'error.server'] as const) {
      expect(messages[key].en.length, key).toBeGreaterThan(0);
      expect(messages[key].ja.length, key).toBeGreaterThan(0);
    }
  });
});
