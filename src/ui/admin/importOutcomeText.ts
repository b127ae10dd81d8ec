/**
 * What the upload report says about one file's import outcome, in the user's language: a known
 * refusal or repair by its code, anything else as the server's own sentence.
 */
import type { FileImportOutcome, ImportRefusalCode, ImportWarning } from '../../core/api';
import type { MessageKey, Translate } from '../../i18n';

export interface OutcomeText {
  readonly text: string;
  readonly tone: 'ok' | 'muted' | 'error';
  /** The server's English sentence, where `text` is a translation of its code. */
  readonly detail: string | null;
}

const REFUSAL_TEXT: Readonly<Record<ImportRefusalCode, MessageKey>> = {
  wholeSlide: 'admin.upload.reason.wholeSlide',
  inflatedTooLarge: 'admin.upload.reason.inflatedTooLarge',
  framesMissing: 'admin.upload.reason.framesMissing',
  undecodable: 'admin.upload.reason.undecodable',
  decodeTimedOut: 'admin.upload.reason.decodeTimedOut',
  slideUnreadable: 'admin.upload.reason.slideUnreadable',
  slideTruncated: 'admin.upload.reason.slideTruncated',
  slideTooLarge: 'admin.upload.reason.slideTooLarge',
  imageUnreadable: 'admin.upload.reason.imageUnreadable',
  videoUnreadable: 'admin.upload.reason.videoUnreadable',
  stillIdentifying: 'admin.upload.reason.stillIdentifying',
  notDeidentifiable: 'admin.upload.reason.notDeidentifiable',
  slideLabelDropped: 'admin.upload.reason.slideLabelDropped',
  stoppedByCancel: 'admin.upload.reason.stoppedByCancel',
};

export function importOutcomeText(t: Translate, outcome: FileImportOutcome): OutcomeText {
  switch (outcome.status) {
    case 'imported':
      if (!outcome.warnings?.length) return { text: t('admin.upload.imported'), tone: 'ok', detail: null };
      return { text: outcome.warnings.map((warning) => warningText(t, warning)).join(' '), tone: 'ok', detail: null };
    case 'duplicate':
      return { text: t('admin.upload.duplicate'), tone: 'muted', detail: null };
    case 'refused':
      if (outcome.code) {
        const attributes = (outcome.identifying ?? []).map((finding) => `${finding.path} ${finding.keyword}`).join(', ');
        return { text: t(REFUSAL_TEXT[outcome.code], { attributes }), tone: 'error', detail: outcome.reason };
      }
      return { text: t('admin.upload.refused', { reason: outcome.reason }), tone: 'error', detail: null };
  }
}

function warningText(t: Translate, warning: ImportWarning): string {
  switch (warning.code) {
    case 'uidReplaced':
      return t(warning.problem === 'missing' ? 'admin.upload.warning.uidMissing' : 'admin.upload.warning.uidInvalid', {
        attribute: warning.attribute,
        replacement: warning.replacement,
      });
    case 'fileMetaAdded':
      return t('admin.upload.warning.fileMetaAdded');
  }
}
