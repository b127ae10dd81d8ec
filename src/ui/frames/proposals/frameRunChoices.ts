/**
 * The runs the frame workspace offers a model: this frame, the selected frames (when more than one
 * is selected) and every frame, each frame read at full size when the run reaches it.
 */
import type { FrameSetItem } from '../../../core/item';
import { frameRunInputs, framesToRun, type FrameRunScope, type FramesInView, type LoadFrameBlob } from '../../../inference/frameInputs';
import type { RunChoice } from '../../proposals/ProposalPanel';

export function frameRunChoices(frameSet: FrameSetItem, view: FramesInView, loadFrame: LoadFrameBlob): RunChoice[] {
  const scopes: FrameRunScope[] = view.selected.length > 1 ? ['currentFrame', 'selectedFrames', 'allFrames'] : ['currentFrame', 'allFrames'];
  return scopes.map((scope) => ({ scope, inputs: () => frameRunInputs(frameSet.frames, framesToRun(scope, view), loadFrame) }));
}
