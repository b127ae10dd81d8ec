import { describe, expect, it } from 'vitest';
import type { DicomwebPushAnswer, PushOutcome } from '../../core/api';
import { messages } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import { isPushing, nextPushRun, PUSH_STARTED, pushRunSentence, type PushEvent, type PushRun } from './pacsPushRun';

const stored = (itemId: string): PushOutcome => ({ itemId, object: 'seg', sopInstanceUid: `1.2.${itemId}`, status: 'stored' });
const FIRST_PAGE: DicomwebPushAnswer = {
  outcomes: [stored('a'), stored('b'), { itemId: 'b', object: 'sr', sopInstanceUid: '1.3.b', status: 'alreadyThere' }, { itemId: 'c', object: 'sr', sopInstanceUid: null, status: 'refused', reason: 'no SR' }],
  next: 'c',
  items: { done: 12, total: 43 },
};
const LAST_PAGE: DicomwebPushAnswer = { outcomes: [stored('d')], next: null, items: { done: 43, total: 43 } };

const after = (...events: PushEvent[]): PushRun => events.reduce(nextPushRun, PUSH_STARTED);
const sentence = (run: PushRun, language: 'en' | 'ja' = 'en') => {
  const { key, vars } = pushRunSentence(run);
  return translate(messages, language, key, vars);
};

describe('a push as the form shows it', () => {
  it('counts the items gone through and lists the outcomes page by page', () => {
    const run = after({ type: 'page', answer: FIRST_PAGE }, { type: 'page', answer: LAST_PAGE }, { type: 'end', end: 'finished' });
    expect(run).toEqual({ phase: 'finished', outcomes: [...FIRST_PAGE.outcomes, ...LAST_PAGE.outcomes], items: { done: 43, total: 43 } });
    expect(isPushing(run)).toBe(false);
  });

  it('says how far it has got while the pages go, and what it sent once done', () => {
    expect(sentence(PUSH_STARTED)).toBe('Pushing the first page of items…');
    expect(sentence(after({ type: 'page', answer: FIRST_PAGE }))).toBe('12 of 43 items: 2 stored, 1 already in the PACS, 1 refused');
    expect(sentence(after({ type: 'page', answer: FIRST_PAGE }), 'ja')).toBe('43 アイテム中 12 件：2 件保存、1 件は PACS に既存、1 件拒否');
    expect(sentence(after({ type: 'page', answer: FIRST_PAGE }, { type: 'page', answer: LAST_PAGE }, { type: 'end', end: 'finished' }))).toBe(
      'Done, 43 of 43 items: 3 stored, 1 already in the PACS, 1 refused',
    );
    expect(sentence(after({ type: 'page', answer: { outcomes: [], next: null, items: { done: 5, total: 5 } } }, { type: 'end', end: 'finished' }))).toBe('No item has anything to export yet.');
  });

  it('cancels once, after the page in flight, and says how many were stored before the cancel', () => {
    const cancelling = after({ type: 'page', answer: FIRST_PAGE }, { type: 'cancel' });
    expect([cancelling.phase, isPushing(cancelling)]).toEqual(['cancelling', true]);
    expect(sentence(cancelling)).toBe('Cancelling once the page being sent is done. 12 of 43 items so far: 2 stored, 1 already in the PACS, 1 refused');
    const cancelled = nextPushRun(cancelling, { type: 'end', end: 'cancelled' });
    expect(sentence(cancelled)).toBe('Cancelled after 12 of 43 items: 2 stored before the cancel (they stay in the PACS), 1 already in the PACS, 1 refused. Push again to send the rest.');
    // A cancel once the push has ended changes nothing.
    expect(nextPushRun(cancelled, { type: 'cancel' })).toBe(cancelled);
  });

  it('says where an error stopped it, or that it stopped before any page answered', () => {
    expect(sentence(after({ type: 'page', answer: FIRST_PAGE }, { type: 'end', end: 'failed' }))).toBe(
      'Stopped by the error above after 12 of 43 items: 2 stored, 1 already in the PACS, 1 refused. Push again to send the rest.',
    );
    expect(sentence(after({ type: 'end', end: 'failed' }))).toBe('Stopped by the error above before the first page answered. Pushing again sends only what the PACS lacks.');
  });
});
