/**
 * The tools the annotation layer offers and how it builds their context: the core registry's
 * tools and `createToolContext` in the app, a small test tool in tests.
 */
import type { Shape } from '../../../core/annotation';
import type { RecordStore } from '../../../core/recordStore';
import type { ToolContextOptions, ToolEntry } from '../../../core/tools';
import type { ToolCommand, ToolContext } from '../../../core/tools/tool';

export interface ToolKit {
  readonly tools: readonly ToolEntry[];
  context(store: RecordStore, options: ToolContextOptions): ToolContext;
  /** The command giving the shapes `ids` the class `classCode`. */
  classChange?(ids: readonly string[], classCode: string): ToolCommand;
  /** Area of a shape in px² (the panel turns it into µm²). */
  area?(shape: Shape): number;
}
