/**
 * The contract of the drawing and editing tools: each tool is a small state machine, free of any
 * UI framework, fed pointer and key input in image coordinates and answering with its next state
 * and effects (commands to run, a new selection). The viewer side (see
 * src/viewer/slide/annotation) turns DOM events into `ToolInput`, runs the effects through the
 * editor, and draws `preview` over the image; tests drive tools without a browser.
 */
import type { Geometry, Point, Shape } from '../annotation';
import type { Box } from '../bounds';
import type { CommandName, CommandParams } from '../commands/types';
import type { ImageSize } from '../geometry/round';
import type { ModelPrompt } from '../models/modelInput';

export type ToolId = 'select' | 'polygon' | 'freehand' | 'rectangle' | 'ellipse' | 'point' | 'brush' | 'clickOutline';

/** Something the user is told after an input, in place of the edit it did not make. */
export type ToolNotice =
  /** A vertex dragged so that the outline would cross itself: it went back where it was. */
  'outlineWouldCross';

export interface Modifiers {
  readonly shift: boolean;
  readonly alt: boolean;
  /** Ctrl, or Cmd on a Mac. */
  readonly ctrl: boolean;
}

/** Input in image px (level-0 px of a slide). `down`/`up` are of the primary button. */
export type ToolInput =
  | { readonly type: 'down'; readonly point: Point; readonly modifiers: Modifiers }
  | { readonly type: 'move'; readonly point: Point; readonly modifiers: Modifiers; readonly pressed: boolean }
  | { readonly type: 'up'; readonly point: Point; readonly modifiers: Modifiers }
  | { readonly type: 'doubleClick'; readonly point: Point; readonly modifiers: Modifiers }
  /** A key the workspace passes to the active tool (`Enter`, `Escape`, `Backspace`, `Delete`, `[`, `]`…). */
  | { readonly type: 'key'; readonly key: string; readonly modifiers: Modifiers }
  /** The tool is switched away from, or the item closes: drop any drawing in progress. */
  | { readonly type: 'cancel' };

/** What a tool may read of the document and the view. */
export interface ToolContext {
  /** The image drawn on. */
  readonly targetId: string;
  /** The region question new outlines answer, and the class they get. */
  readonly questionId: string;
  readonly classCode: string;
  /** Image px per screen px now: a tolerance of n screen px is n × this in image px. */
  readonly imagePxPerScreenPx: number;
  /** The image's size in image px: tools keep every vertex inside it. */
  readonly imageSize: ImageSize;
  readonly selection: ReadonlySet<string>;
  /** The class of the region question a key stands for (its label-set key), if any: a class key on a selection changes its class. */
  classForKey(key: string): string | undefined;
  shape(id: string): Shape | undefined;
  /** The topmost shape at `point` (within `tolerance` image px of its outline or inside it), or null. */
  shapeAt(point: Point, tolerance: number): Shape | null;
  /** Shapes lying wholly inside `box` (box selection). */
  shapesIn(box: Box): readonly Shape[];
}

/** One command for the editor, its name tied to its params. */
export type ToolCommand = { [N in CommandName]: { readonly name: N; readonly params: CommandParams[N] } }[CommandName];

export type ToolEffect =
  /** Run through the editor: one undo step per effect. */
  | { readonly type: 'execute'; readonly command: ToolCommand }
  | { readonly type: 'select'; readonly ids: readonly string[] }
  /** A tool that finished an outline hands over to another (e.g. back to select); optional. */
  | { readonly type: 'switchTool'; readonly tool: ToolId }
  | { readonly type: 'notice'; readonly notice: ToolNotice }
  /**
   * Ask a promptable model to outline what the prompts point at (image px), on `targetId`, as an
   * answer of `questionId` with `classCode`. `refine: false` starts a new outline; `true` asks again
   * for the same outline with every prompt so far (the outline it gave before is replaced).
   */
  | {
      readonly type: 'prompt';
      readonly prompts: readonly ModelPrompt[];
      readonly targetId: string;
      readonly questionId: string;
      readonly classCode: string;
      readonly refine: boolean;
    };

export interface ToolStep<S> {
  readonly state: S;
  readonly effects: readonly ToolEffect[];
}

/** What the overlay draws for a tool at work (all in image px). */
export interface ToolPreview {
  /** The outline being drawn or the edited outline as it will be. */
  readonly geometry?: Geometry;
  /** The outline being edited would cross itself as it is now: drawn as a warning, not kept on release. */
  readonly crossing?: boolean;
  /** Vertex handles of the outline being edited. */
  readonly handles?: readonly Point[];
  /** A rubber band (box selection, a box prompt being dragged). */
  readonly box?: Box;
  /** Stored outlines drawn displaced by `delta` (image px) while a selection is dragged; they move on release. */
  readonly moving?: { readonly ids: readonly string[]; readonly delta: Point };
  /** The brush footprint. */
  readonly brush?: { readonly center: Point; readonly radius: number; readonly mode: 'add' | 'subtract' };
  /** The prompts of the outline being asked for: positive and negative clicks, a box. */
  readonly prompts?: readonly ModelPrompt[];
}

export interface Tool<S> {
  readonly id: ToolId;
  initial(): S;
  handle(state: S, input: ToolInput, ctx: ToolContext): ToolStep<S>;
  preview(state: S, ctx: ToolContext): ToolPreview | null;
}
