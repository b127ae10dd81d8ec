/**
 * The push form's page loop: asks the server for page after page (each after the last answer's
 * `next`) and hands each answer on as it comes. A cancel stops the loop after the page in flight,
 * not in it: the server stores a page whole whatever the browser does, so that page's answer is
 * awaited and shown, and the outcomes listed are all that was sent.
 */
import type { DicomwebPushAnswer } from '../../core/api';

export type PushPagesEnd = 'finished' | 'cancelled';

export async function pushPages(
  sendPage: (after: string | undefined) => Promise<DicomwebPushAnswer>,
  onPage: (answer: DicomwebPushAnswer) => void,
  cancel: AbortSignal,
): Promise<PushPagesEnd> {
  let after: string | undefined;
  do {
    const answer = await sendPage(after);
    onPage(answer);
    after = answer.next ?? undefined;
    if (after !== undefined && cancel.aborted) return 'cancelled';
  } while (after !== undefined);
  return 'finished';
}
