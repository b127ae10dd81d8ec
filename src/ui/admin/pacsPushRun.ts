/**
 * One push as the form shows it: the outcomes so far, how many of the push's items the pages have
 * gone through, and where it stands (pushing, cancelling after the page in flight, finished,
 * cancelled, stopped by an error), with the sentence that says so.
 */
import type { DicomwebPushAnswer, PushOutcome, PushProgress } from '../../core/api';
import type { MessageKey, MessageVars } from '../../i18n';

export type PushPhase = 'pushing' | 'cancelling' | 'finished' | 'cancelled' | 'failed';

export interface PushRun {
  readonly phase: PushPhase;
  readonly outcomes: readonly PushOutcome[];
  /** Null until the first page answers. */
  readonly items: PushProgress | null;
}

export type PushEvent = { readonly type: 'page'; readonly answer: DicomwebPushAnswer } | { readonly type: 'cancel' } | { readonly type: 'end'; readonly end: 'finished' | 'cancelled' | 'failed' };

export const PUSH_STARTED: PushRun = { phase: 'pushing', outcomes: [], items: null };

export function nextPushRun(run: PushRun, event: PushEvent): PushRun {
  switch (event.type) {
    case 'page':
      return { ...run, outcomes: [...run.outcomes, ...event.answer.outcomes], items: event.answer.items };
    case 'cancel':
      return run.phase === 'pushing' ? { ...run, phase: 'cancelling' } : run;
    case 'end':
      return { ...run, phase: event.end };
  }
}

export const isPushing = (run: PushRun | null): boolean => run?.phase === 'pushing' || run?.phase === 'cancelling';

/** The sentence under the form: progress while pages go, then how it ended and what was sent. */
export function pushRunSentence(run: PushRun): { readonly key: MessageKey; readonly vars?: MessageVars } {
  if (run.items === null) return { key: run.phase === 'failed' ? 'pacsPush.failedAtOnce' : 'pacsPush.starting' };
  if (run.phase === 'finished' && run.outcomes.length === 0) return { key: 'pacsPush.none' };
  const count = (status: PushOutcome['status']) => run.outcomes.filter((outcome) => outcome.status === status).length;
  const vars = { done: run.items.done, total: run.items.total, stored: count('stored'), already: count('alreadyThere'), refused: count('refused') };
  return { key: SENTENCES[run.phase], vars };
}

const SENTENCES: Readonly<Record<PushPhase, MessageKey>> = {
  pushing: 'pacsPush.progress',
  cancelling: 'pacsPush.cancelling',
  finished: 'pacsPush.finished',
  cancelled: 'pacsPush.cancelled',
  failed: 'pacsPush.failed',
};
