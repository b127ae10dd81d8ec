/**
 * A model the app can run: one ONNX file (or an encoder + decoder pair) plus this manifest, which
 * says what the model is, where it came from, what it expects and how its outputs become proposals
 * of a label set. Manifests travel as JSON (`models/<id>/manifest.json`, admin uploads); the ONNX
 * bytes live in the blob store and are cached by the client under their sha256.
 */

/** What a model does, which decides how its inputs are prepared and its outputs decoded. */
export type ModelTask =
  | 'sliceClassification'
  | 'frameClassification'
  | 'imageClassification'
  | 'segmentation'
  | 'detection'
  | 'promptableSegmentation'
  | 'textDetection';

export type TensorDtype = 'float32' | 'uint8' | 'int32' | 'int64' | 'bool';

/**
 * One dimension of a tensor: a fixed size, or a name the model leaves free (`batch`, `height`…),
 * resolved when the input is prepared.
 */
export type TensorDim = number | string;

export interface TensorSpec {
  /** The graph's input or output name. */
  readonly name: string;
  readonly dtype: TensorDtype;
  readonly shape: readonly TensorDim[];
}

/** Steps applied, in order, to turn an image into the model's input tensor. */
export type PreprocessStep =
  /** CT: Hounsfield units clipped to a window and scaled to [0, 1]. */
  | { readonly op: 'ctWindow'; readonly center: number; readonly width: number }
  /** Resize to the model's size; `letterbox` keeps the aspect ratio and pads. */
  | { readonly op: 'resize'; readonly width: number; readonly height: number; readonly mode: 'stretch' | 'letterbox' }
  /** Per-channel (x / 255 − mean) / std, RGB order, for colour images. */
  | { readonly op: 'normalise'; readonly mean: readonly number[]; readonly std: readonly number[] }
  /**
   * Whole-slide images are read in tiles at a given resolution: `tileSize` px of the model's input
   * at `micronsPerPixel`, overlapping by `overlap` px so objects on a seam are seen whole once.
   */
  | { readonly op: 'wsiTiling'; readonly tileSize: number; readonly overlap: number; readonly micronsPerPixel: number };

/** How raw outputs become scores and regions. */
export interface DecodeSpec {
  readonly activation: 'sigmoid' | 'softmax' | 'none';
  /** Scores below this are not proposed (the run's threshold, kept in provenance). */
  readonly threshold: number;
  /** Detection: boxes overlapping more than `iou` with a better one are dropped. */
  readonly nms?: { readonly iou: number };
  /** Segmentation and text detection: probability map → outlines. */
  readonly maskToPolygon?: {
    /** Smaller regions (in model input px²) are noise, not proposals. */
    readonly minArea: number;
    /** Douglas–Peucker tolerance in model input px. */
    readonly simplify: number;
    /** Text detection grows the shrunk text kernel back out by this ratio (DB post-processing). */
    readonly unclipRatio?: number;
  };
}

/**
 * Where an output lands in the label set: for classification, output index `index` (after the
 * activation) is the score of `classCode`; for segmentation and detection, output channel `index`
 * is that class's map or box class.
 */
export interface OutputClassMapping {
  readonly index: number;
  readonly classCode: string;
}

export interface OutputMapping {
  /** The question of the label set the proposals answer. */
  readonly questionId: string;
  readonly classes: readonly OutputClassMapping[];
  /**
   * Classification only: the class proposed when no mapped score reaches the threshold (e.g. SAH
   * `absent`), so a confident "nothing here" is a proposal too and a series can be confirmed whole.
   */
  readonly otherwiseClassCode?: string;
}

/**
 * The model's bytes, by sha256 of each file; promptable models have an encoder and a decoder. A
 * `builtin` model is code of ours behind the same contract (the classical region grower answers
 * click-prompts like a SAM model does), listed and chosen like any other.
 */
export type ModelFiles =
  | { readonly kind: 'single'; readonly model: ModelFile }
  | { readonly kind: 'encoderDecoder'; readonly encoder: ModelFile; readonly decoder: ModelFile }
  | { readonly kind: 'builtin'; readonly implementation: 'regionGrower' };

export interface ModelFile {
  /** sha256 (lowercase hex) of the ONNX bytes: their identity in the blob store and the client cache. */
  readonly sha256: string;
  readonly bytes: number;
}

export interface ModelManifest {
  /** Stable id, lowercase `a-z0-9-` (e.g. `sah-hyperdensity`). */
  readonly id: string;
  /** Semantic version of this model's weights and manifest together. */
  readonly version: string;
  readonly name: string;
  /** One sentence shown to users: what the model is and how far to trust it. */
  readonly description: string;
  /** SPDX id, or a sentence when it has none. */
  readonly licence: string;
  /** Where the weights came from (a package, a paper, "built by scripts/build-models.ts"). */
  readonly source: string;
  readonly task: ModelTask;
  /** Item kinds it applies to. */
  readonly itemKinds: readonly ('series' | 'slide' | 'frames')[];
  /** Lowest ONNX opset the graph imports. */
  readonly opset: number;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly preprocess: readonly PreprocessStep[];
  readonly decode: DecodeSpec;
  /** The label set (id) the mapping names questions of; proposals go only to documents of it. */
  readonly labelSetId: string;
  readonly outputsToLabels: readonly OutputMapping[];
  readonly files: ModelFiles;
  /** Honest figures a person should see before trusting it (e.g. sensitivity on phantoms). */
  readonly evaluation?: { readonly summary: string; readonly metrics: Readonly<Record<string, number>> };
}
