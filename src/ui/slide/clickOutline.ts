/**
 * The slide page's side of "click to outline": the slide region a click-prompt reads (around its
 * clicks, at the zoom the person clicked at) and the run of the click-to-outline model on it, whose
 * outline enters as a pending proposal in the person's chosen class.
 */
import type { Box } from '../../core/bounds';
import type { SlideItem } from '../../core/item';
import type { ModelPrompt } from '../../core/models/modelInput';
import type { AvailableModel } from '../../inference/proposalServices';
import { RUN_FAILURE_MESSAGES, type RunFailure } from '../../inference/runFailure';
import { planSlideRegionAt, readSlideRegion, type LoadTileBlob } from '../../inference/slideRegion';
import { t } from '../../i18n';
import type { PromptOutcome, PromptRequest } from '../../store/proposalSlice';
import type { OutlinePrompt, PromptAnswer } from '../../viewer/slide/annotation/annotationSession';

/** How far (screen px) from its clicks an outline may reach: the region read around them. */
export const PROMPT_REACH_SCREEN_PX = 384;

/** The level-0 box read for these prompts: their bounds grown by the reach at the zoom clicked. */
export function promptRegion(prompts: readonly ModelPrompt[], imagePxPerScreenPx: number): Box {
  const xs = prompts.flatMap((p) => (p.kind === 'point' ? [p.point[0]] : [p.topLeft[0], p.bottomRight[0]]));
  const ys = prompts.flatMap((p) => (p.kind === 'point' ? [p.point[1]] : [p.topLeft[1], p.bottomRight[1]]));
  const reach = PROMPT_REACH_SCREEN_PX * imagePxPerScreenPx;
  return { minX: Math.min(...xs) - reach, minY: Math.min(...ys) - reach, maxX: Math.max(...xs) + reach, maxY: Math.max(...ys) + reach };
}

/** The click-to-outline model to use: one brought by the site (a SAM-family model) before the built-in region grower. */
export function clickOutlineModel(models: readonly AvailableModel[] | null): AvailableModel | null {
  const promptable = (models ?? []).filter(({ manifest }) => manifest.task === 'promptableSegmentation');
  return promptable.find((model) => !model.builtin) ?? promptable[0] ?? null;
}

export interface ClickOutlineContext {
  readonly itemId: string;
  readonly slide: SlideItem;
  readonly loadTile: LoadTileBlob;
  readonly model: AvailableModel | null;
  readonly promptOutline: (request: PromptRequest) => Promise<PromptOutcome>;
}

/** Runs one click-prompt on the slide; answers the outline proposed, or the sentence saying why none was. */
export async function runClickOutline(context: ClickOutlineContext, { effect, imagePxPerScreenPx, replaces }: OutlinePrompt): Promise<PromptAnswer> {
  const { itemId, slide, loadTile, model } = context;
  if (!model) return { notice: t('clickOutline.noModel') };
  try {
    const plan = planSlideRegionAt(slide, promptRegion(effect.prompts, imagePxPerScreenPx), imagePxPerScreenPx);
    const outcome = await context.promptOutline({
      manifest: model.manifest,
      read: () => readSlideRegion(itemId, plan, loadTile),
      prompts: effect.prompts,
      target: { questionId: effect.questionId, classCode: effect.classCode },
      replaces,
    });
    if (outcome.kind === 'outlined') return { outlined: outcome.id };
    if (outcome.kind === 'nothing') return { notice: t('clickOutline.nothing') };
    return { notice: failureNotice(outcome.failure) };
  } catch (error) {
    return { notice: failureNotice({ kind: 'runtime.failed', detail: error instanceof Error ? error.message : String(error) }) };
  }
}

function failureNotice(failure: RunFailure): string {
  return t('clickOutline.failed', { reason: `${t(RUN_FAILURE_MESSAGES[failure.kind])} (${failure.detail})` });
}
