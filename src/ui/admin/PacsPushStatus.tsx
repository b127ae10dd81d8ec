import { useT } from '../../i18n';
import { isPushing, pushRunSentence, type PushRun } from './pacsPushRun';

/** How far a push has gone, as a bar over the push's items and a sentence read out as it changes. */
export function PacsPushStatus({ run }: { readonly run: PushRun }) {
  const t = useT();
  const sentence = pushRunSentence(run);
  // Without figures (before the first page answers) the bar is indeterminate.
  const figures = run.items ? { max: Math.max(run.items.total, 1), value: run.items.done } : {};
  return (
    <>
      <progress data-testid="pacs-push-bar" aria-label={t('pacsPush.progressLabel')} {...figures} />
      <p role="status" data-testid="pacs-push-summary" data-phase={run.phase} data-done={!isPushing(run)}>
        {t(sentence.key, sentence.vars)}
      </p>
    </>
  );
}
