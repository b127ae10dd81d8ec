import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/messages';
import { translate } from '../i18n/translate';
import { InferenceError } from './client';
import { ModelFileError } from './modelFiles';
import { RUN_FAILURE_MESSAGES, runFailureOf } from './runFailure';

describe('run failures', () => {
  it('are told by kind, the runtime’s and the model cache’s own words kept as the detail', () => {
    expect(runFailureOf(new InferenceError('out_of_memory', 'Out of memory at Conv_3.'))).toEqual({ kind: 'runtime.out_of_memory', detail: 'Out of memory at Conv_3.' });
    expect(runFailureOf(new ModelFileError('hash_mismatch', 'sha256 differs'))).toEqual({ kind: 'file.hash_mismatch', detail: 'sha256 differs' });
    expect(runFailureOf(new TypeError('x is undefined'))).toEqual({ kind: 'runtime.failed', detail: 'x is undefined' });
    expect(runFailureOf('lost')).toEqual({ kind: 'runtime.failed', detail: 'lost' });
  });

  it('each read as a sentence of its own, in English and in Japanese', () => {
    const keys = Object.values(RUN_FAILURE_MESSAGES);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(translate(messages, 'en', key)).toMatch(/^[A-Z]/);
      expect(translate(messages, 'ja', key)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
