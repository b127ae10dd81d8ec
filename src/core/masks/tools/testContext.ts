/** A mask tool context over a test editor's document (64×64 slices of `seriesItem`), for the tool tests. */
import type { DocumentEditor } from '../../documentEditor';
import { executeToolCommand } from '../../documentEditor';
import type { ToolEffect } from '../../tools/tool';
import { maskAt } from '../interpolation';
import { labelmapOf } from '../labelmap';
import type { MaskToolContext } from './maskTool';

export const SLICE = { width: 64, height: 64 } as const;

export function maskContext(editor: DocumentEditor, options: Partial<Pick<MaskToolContext, 'targetId' | 'classCode' | 'hu' | 'huRange' | 'imagePxPerScreenPx'>> = {}): MaskToolContext {
  const targetId = options.targetId ?? 'slice-1';
  const classCode = options.classCode ?? 'lesion';
  return {
    targetId,
    questionId: 'lesion',
    classCode,
    size: SLICE,
    imagePxPerScreenPx: options.imagePxPerScreenPx ?? 1,
    hu: options.hu === undefined ? null : options.hu,
    huRange: options.huRange ?? [50, 90],
    labels: () => labelmapOf(maskAt(editor.store, 'lesion', targetId, classCode)?.runs ?? null, SLICE),
  };
}

/** Runs a tool's effects through the editor, as the viewer does: one undo step each. */
export function apply(editor: DocumentEditor, effects: readonly ToolEffect[]): void {
  for (const effect of effects) if (effect.type === 'execute') executeToolCommand(editor, effect.command);
}

/** The stored labelmap of the segment on a slice (all 0 when none). */
export function stored(editor: DocumentEditor, targetId = 'slice-1', classCode = 'lesion'): Uint8Array {
  return labelmapOf(maskAt(editor.store, 'lesion', targetId, classCode)?.runs ?? null, SLICE);
}
