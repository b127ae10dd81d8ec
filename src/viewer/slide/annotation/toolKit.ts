/**
 * The tools the annotation layer offers and how it builds their context: the core registry's
 * tools and `createToolContext` in the app, a small test tool in tests.
 */
import type { Shape } from '../../../core/annotation';
import type { Question } from '../../../core/labelSet';
import type { RecordStore } from '../../../core/recordStore';
import type { ToolCommand, ToolContext } from '../../../core/tools/tool';
import type { ToolEntry } from './toolController';

export interface ToolContextRequest {
  readonly targetId: string;
  readonly question: Question;
  readonly classCode: string;
  readonly imagePxPerScreenPx: number;
  /** Level-0 size of the slide, px. */
  readonly imageSize: { readonly width: number; readonly height: number };
  readonly selection: ReadonlySet<string>;
}

export interface ToolKit {
  readonly tools: readonly ToolEntry[];
  context(store: RecordStore, request: ToolContextRequest): ToolContext;
  /** The command giving the shapes `ids` the class `classCode`. */
  classChange?(ids: readonly string[], classCode: string): ToolCommand;
  /** Area of a shape in px² (the panel turns it into µm²). */
  area?(shape: Shape): number;
}
