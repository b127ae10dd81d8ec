/**
 * One image (a CT slice or an RGBA picture) → the model's image input tensor, through the
 * manifest's preprocessing steps in order, then laid out NCHW with the input spec's named
 * dimensions resolved. The context it returns maps model pixels back to the item's pixel frame.
 */
import type { Point } from '../../annotation';
import type { ModelManifest, TensorSpec } from '../manifest';
import type { ModelInput } from '../modelInput';
import type { FeedTensor, PreparedStep } from '../taskPipeline';
import { ctWindow, normalise, resize, rgbPlanes, type Placement, type Planes } from './imagePlanes';
import { PipelineError } from './pipelineError';

export interface ImageContext {
  readonly targetId: string;
  /** The input image's size, px. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** Model px = source px × scale + pad (identity when the manifest has no resize). */
  readonly placement: Placement;
  /** Item px = origin + source px × itemScale (a CT slice is its own frame: origin 0, scale 1). */
  readonly origin: Point;
  readonly itemScale: number;
}

/** A point in the model's input px → the item's px. */
export function modelToItem(context: ImageContext, [x, y]: Point): Point {
  const { scaleX, scaleY, padX, padY } = context.placement;
  return [context.origin[0] + ((x - padX) / scaleX) * context.itemScale, context.origin[1] + ((y - padY) / scaleY) * context.itemScale];
}

const shapeText = (dims: readonly (number | string)[]) => dims.join('×');

function sourcePlanes(input: ModelInput): Planes {
  if (input.kind === 'ctSlice') {
    if (input.hu.length !== input.width * input.height) {
      throw new PipelineError('input_mismatch', `The slice says ${input.width}×${input.height} px but carries ${input.hu.length} values.`);
    }
    return { width: input.width, height: input.height, channels: [input.hu] };
  }
  if (input.rgba.length !== input.width * input.height * 4) {
    throw new PipelineError('input_mismatch', `The image says ${input.width}×${input.height} px but carries ${input.rgba.length / 4} RGBA pixels.`);
  }
  return rgbPlanes(input.width, input.height, input.rgba);
}

/** The image input of the model: its first input, a float32 tensor of rank 4 (N, C, H, W). */
export function imageInputSpec(manifest: ModelManifest): TensorSpec {
  const spec = manifest.inputs[0];
  if (!spec) throw new PipelineError('model_invalid', `The manifest of “${manifest.name}” names no input tensor.`);
  if (spec.shape.length !== 4) {
    throw new PipelineError('model_invalid', `The model's input “${spec.name}” has shape ${shapeText(spec.shape)}; an image input must be N×C×H×W.`);
  }
  if (spec.dtype !== 'float32') throw new PipelineError('model_invalid', `The model's input “${spec.name}” is ${spec.dtype}; image inputs must be float32.`);
  return spec;
}

/**
 * Fixed dimensions must equal what the image gives; a named one takes it (a named batch is 1).
 * Grey images fill every channel a colour model asks for; colour into a grey model is refused.
 */
function layout(spec: TensorSpec, planes: Planes): FeedTensor {
  const [batch, channels, height, width] = spec.shape as readonly [number | string, number | string, number | string, number | string];
  const given = [1, planes.channels.length, planes.height, planes.width] as const;
  const wanted = [typeof batch === 'number' ? batch : 1, typeof channels === 'number' ? channels : planes.channels.length, typeof height === 'number' ? height : planes.height, typeof width === 'number' ? width : planes.width];
  const greyToColour = planes.channels.length === 1 && wanted[1] === 3;
  const fits = wanted[0] === 1 && (wanted[1] === given[1] || greyToColour) && wanted[2] === given[2] && wanted[3] === given[3];
  if (!fits) {
    const hint = wanted[2] !== given[2] || wanted[3] !== given[3] ? ' Add a resize step to the manifest, or give images of that size.' : '';
    throw new PipelineError('input_mismatch', `The model's input “${spec.name}” takes ${shapeText(spec.shape)} but this image gives ${shapeText([1, given[1], given[2], given[3]])}.${hint}`);
  }
  const plane = planes.width * planes.height;
  const channelCount = wanted[1] as number;
  const dims = [1, channelCount, planes.height, planes.width];
  // One plane is already the tensor's layout: no copy (a model never writes to its input).
  if (channelCount === 1) return { dtype: 'float32', dims, data: planes.channels[0] as Float32Array };
  const data = new Float32Array(channelCount * plane);
  for (let c = 0; c < channelCount; c += 1) data.set(planes.channels[greyToColour ? 0 : c] as Float32Array, c * plane);
  return { dtype: 'float32', dims, data };
}

export function prepareImage(manifest: ModelManifest, input: ModelInput): PreparedStep<ImageContext> {
  const spec = imageInputSpec(manifest);
  let planes = sourcePlanes(input);
  let placement: Placement = { scaleX: 1, scaleY: 1, padX: 0, padY: 0 };
  for (const step of manifest.preprocess) {
    switch (step.op) {
      case 'ctWindow':
        if (input.kind !== 'ctSlice') throw new PipelineError('model_invalid', `“${manifest.name}” windows CT values, but this image is not CT.`);
        planes = ctWindow(planes, step.center, step.width);
        break;
      case 'resize': {
        const resized = resize(planes, step.width, step.height, step.mode);
        planes = resized.planes;
        placement = resized.placement;
        break;
      }
      case 'normalise':
        planes = normalise(planes, step.mean, step.std);
        break;
      case 'wsiTiling':
        // The slide reader cuts the tiles at the model's resolution before they reach a pipeline.
        break;
    }
  }
  const context: ImageContext = {
    targetId: input.targetId,
    sourceWidth: input.width,
    sourceHeight: input.height,
    placement,
    origin: input.kind === 'rgbaImage' ? input.origin : [0, 0],
    itemScale: input.kind === 'rgbaImage' ? input.scale : 1,
  };
  return { feeds: { [spec.name]: layout(spec, planes) }, context };
}
