/**
 * Runs the registry's burned-in text detector (the built-in `ppocr-text-det`, task
 * `textDetection`) in the inference worker over the previews of the images to check, and hands back
 * its boxes per image. Each preview is made when the run reaches its image and handed to the
 * inference worker, so the page holds none of them. Without a detector (none enabled, no inference runtime) the images are still
 * checked: a person draws the boxes.
 */
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import type { RedactionBox } from '../../../core/deid/redactPixels';
import type { ProposalServices } from '../../../inference/proposalServices';
import { boxesOfProposals } from './reviewBoxes';

export const BURNED_IN_LABEL_SET = 'burned-in-text';

export interface DetectionOutcome {
  /** Boxes per image, in the order given. */
  readonly boxes: readonly (readonly RedactionBox[])[];
  /** The detector's name, or null when none ran. */
  readonly detector: string | null;
}

/** `previews`: per image, a way to make its preview. */
export async function detectBurnedInText(services: ProposalServices | undefined, previews: readonly (() => Promise<PixelPreview>)[]): Promise<DetectionOutcome> {
  const none: DetectionOutcome = { boxes: previews.map(() => []), detector: null };
  if (!services || previews.length === 0) return none;
  const models = await services.listModels({ labelSetId: BURNED_IN_LABEL_SET, itemKind: 'frames' });
  const detector = models.find((model) => model.manifest.task === 'textDetection');
  if (!detector) return none;
  const boxes: RedactionBox[][] = previews.map(() => []);
  const run = services.inference().run({
    manifest: detector.manifest,
    priority: 'batch',
    inputs: previews.map((make, index) => async () => {
      const preview = await make();
      return { kind: 'rgbaImage' as const, targetId: String(index), width: preview.width, height: preview.height, rgba: preview.rgba, origin: [0, 0] as const, scale: 1 };
    }),
    onProposals: (targetId, proposals) => {
      boxes[Number(targetId)] = boxesOfProposals(proposals);
    },
  });
  await run.finished;
  return { boxes, detector: detector.manifest.name };
}
