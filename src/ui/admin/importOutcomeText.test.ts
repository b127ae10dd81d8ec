import { describe, expect, it } from 'vitest';
import type { FileImportOutcome, ImportRefusalCode } from '../../core/api';
import type { MessageKey, MessageVars } from '../../i18n';
import { messages } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import { LANGUAGES } from '../../i18n/types';
import { importOutcomeText } from './importOutcomeText';

const CODES: readonly ImportRefusalCode[] = ['wholeSlide', 'inflatedTooLarge', 'framesMissing', 'undecodable', 'decodeTimedOut'];

describe.each(LANGUAGES)('importOutcomeText in %s', (language) => {
  const t = (key: MessageKey, vars?: MessageVars) => translate(messages, language, key, vars);

  it('gives every refusal code its own sentence, keeping the server sentence as detail', () => {
    const texts = CODES.map((code) => importOutcomeText(t, { file: 'a.dcm', status: 'refused', code, reason: `English ${code}` }));
    for (const [i, text] of texts.entries()) {
      expect(text.tone).toBe('error');
      expect(text.detail).toBe(`English ${CODES[i]}`);
      expect(text.text).not.toMatch(/admin\.upload|English/);
    }
    expect(new Set(texts.map((text) => text.text)).size).toBe(CODES.length);
  });

  it('names no file format in an unreadable slide\'s sentence: DICOM WSI files are refused with it too', () => {
    const text = importOutcomeText(t, { file: 'label.dcm', status: 'refused', code: 'slideUnreadable', reason: 'has only label or overview images' }).text;
    expect(text).not.toMatch(/TIFF/);
  });

  it('shows an uncoded refusal with the server sentence, and each repair note with its values', () => {
    expect(importOutcomeText(t, { file: 'a.txt', status: 'refused', reason: 'not a DICOM file' }).text).toContain('not a DICOM file');
    const repaired: FileImportOutcome = {
      file: 'b.dcm',
      status: 'imported',
      itemId: 'item',
      sopInstanceUid: '2.25.1',
      warnings: [
        { code: 'fileMetaAdded', transferSyntaxUid: '1.2.840.10008.1.2' },
        { code: 'uidReplaced', attribute: 'SeriesInstanceUID', problem: 'missing', replacement: '2.25.77' },
        { code: 'uidReplaced', attribute: 'StudyInstanceUID', problem: 'invalid', replacement: '2.25.88' },
      ],
    };
    const { text, tone } = importOutcomeText(t, repaired);
    expect(tone).toBe('ok');
    expect(text).toContain('SeriesInstanceUID');
    expect(text).toContain('2.25.77');
    expect(text).toContain('2.25.88');
    expect(text).not.toMatch(/[{}]|admin\.upload/);
  });
});
