import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { DicomwebPushAnswer, PushOutcome, User } from '../../core/api';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { nextPushRun, PUSH_STARTED, type PushRun } from './pacsPushRun';
import { PacsPushPanel } from './PacsPushPanel';
import { PacsPushReport } from './PacsPushReport';
import { PacsPushStatus } from './PacsPushStatus';

const READER = { id: 'u-1', username: 'reader', displayName: 'Dr Reader', roles: ['annotator'] } as unknown as User; // only id and name are shown
const OUTCOMES: readonly PushOutcome[] = [
  { itemId: 'i-1', object: 'seg', sopInstanceUid: '1.2.1', status: 'stored' },
  { itemId: 'i-1', object: 'sr', sopInstanceUid: '1.2.2', status: 'alreadyThere' },
  { itemId: 'i-2', object: 'seg', sopInstanceUid: null, status: 'refused', reason: 'nothing is drawn' },
];
const PAGE: DicomwebPushAnswer = { outcomes: OUTCOMES, next: 'i-2', items: { done: 20, total: 43 } };
const status = (run: PushRun) => renderMarkup(createElement(PacsPushStatus, { run }));

describe('the PACS push panel', () => {
  it('opens as a titled card whose form holds the dataset, the PACS’s address and user, the objects and whose document, and no Cancel', () => {
    const html = renderMarkup(createElement(PacsPushPanel, { users: [READER] }));
    expect(tagWithTestId(html, 'admin-pacs-push')).toContain('aria-labelledby="pacs-push-title"');
    for (const testId of ['pacs-push-dataset', 'pacs-push-base-url', 'pacs-push-username', 'pacs-push-password']) tagWithTestId(html, testId);
    expect([hasAttribute(tagWithTestId(html, 'pacs-push-seg'), 'checked'), hasAttribute(tagWithTestId(html, 'pacs-push-sr'), 'checked')]).toEqual([true, true]);
    expect(html).toContain('<option value="consensus" selected="">Consensus</option><option value="u-1">Dr Reader</option>');
    // Rendered outside a browser, the store is as it starts: no datasets listed yet, so nothing to push.
    expect(hasAttribute(tagWithTestId(html, 'pacs-push-submit'), 'disabled')).toBe(true);
    for (const testId of ['pacs-push-cancel', 'pacs-push-bar', 'pacs-push-summary', 'pacs-push-report']) expect(html).not.toContain(`data-testid="${testId}"`);
  });
});

describe('the push’s progress', () => {
  it('is an indeterminate bar until the first page answers, then the items gone through of all', () => {
    expect(tagWithTestId(status(PUSH_STARTED), 'pacs-push-bar')).toBe('<progress data-testid="pacs-push-bar" aria-label="Items pushed">');
    const pushing = status(nextPushRun(PUSH_STARTED, { type: 'page', answer: PAGE }));
    const bar = tagWithTestId(pushing, 'pacs-push-bar');
    expect([hasAttribute(bar, 'max', '43'), hasAttribute(bar, 'value', '20')]).toEqual([true, true]);
    const summary = tagWithTestId(pushing, 'pacs-push-summary');
    expect([hasAttribute(summary, 'role', 'status'), hasAttribute(summary, 'data-phase', 'pushing'), hasAttribute(summary, 'data-done', 'false')]).toEqual([true, true, true]);
    expect(pushing).toContain('20 of 43 items: 1 stored, 1 already in the PACS, 1 refused');
  });

  it('marks the summary done once the push has ended, cancelled or not', () => {
    const cancelled = nextPushRun(nextPushRun(nextPushRun(PUSH_STARTED, { type: 'page', answer: PAGE }), { type: 'cancel' }), { type: 'end', end: 'cancelled' });
    const summary = tagWithTestId(status(cancelled), 'pacs-push-summary');
    expect([hasAttribute(summary, 'data-phase', 'cancelled'), hasAttribute(summary, 'data-done', 'true')]).toEqual([true, true]);
    // A push with no figures yet gives the bar none, even when it failed at once.
    expect(tagWithTestId(status(nextPushRun(PUSH_STARTED, { type: 'end', end: 'failed' })), 'pacs-push-bar')).not.toContain('max=');
  });

  it('lists each object with what became of it, the refusal with its reason; nothing before an outcome', () => {
    expect(renderMarkup(createElement(PacsPushReport, { outcomes: [] }))).toBe('');
    const html = renderMarkup(createElement(PacsPushReport, { outcomes: OUTCOMES }));
    const rows = [...html.matchAll(/<tr data-status="([a-zA-Z]+)"><td class="file-name">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['stored', 'i-1', 'SEG', 'Stored'],
      ['alreadyThere', 'i-1', 'SR', 'Already in the PACS'],
      ['refused', 'i-2', 'SEG', 'Refused: nothing is drawn'],
    ]);
  });
});
