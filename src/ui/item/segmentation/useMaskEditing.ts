import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SliceRef } from '../../../core/item';
import type { Question } from '../../../core/labelSet';
import { maskAt } from '../../../core/masks/interpolation';
import { labelmapOf, type SliceSize } from '../../../core/masks/labelmap';
import { findMaskTool, type ActiveMaskTool, type MaskToolContext, type MaskToolId } from '../../../core/masks/tools';
import type { RecordStore } from '../../../core/recordStore';
import type { ToolCommand, ToolInput } from '../../../core/tools/tool';
import type { ReadSlice } from '../../../inference/seriesInputs';
import type { ViewerAdapter } from '../../../viewer/adapter';
import { MaskPreviewFeed } from '../../../viewer/mask/maskPreviewFeed';
import { useSliceHu } from './useSliceHu';

/** Fresh blood on non-contrast CT (acute haemorrhage is about 50–90 HU): the threshold tools' first range. */
export const DEFAULT_HU_RANGE: readonly [number, number] = [50, 90];

/** How a segment is shown: opacity 0–1 and whether at all. */
export interface SegmentDisplay {
  readonly visible: boolean;
  readonly opacity: number;
}

const DEFAULT_DISPLAY: SegmentDisplay = { visible: true, opacity: 0.5 };

export interface MaskEditing {
  readonly question: Question;
  readonly toolId: MaskToolId | null;
  setTool(id: MaskToolId | null): void;
  readonly classCode: string;
  setClass(code: string): void;
  readonly huRange: readonly [number, number];
  setHuRange(range: readonly [number, number]): void;
  display(code: string): SegmentDisplay;
  setDisplay(code: string, display: SegmentDisplay): void;
  /** The active tool's preview, published on every input for the mask layer alone to draw. */
  readonly previews: MaskPreviewFeed;
  /** The brush radius in image px, once a brush has been used. */
  readonly radius: number | null;
  /** Pointer input of the viewer's mask layer (null: no tool active). */
  readonly onInput: ((input: ToolInput) => void) | null;
  /** A key for the active tool (`[`, `]`, `Enter`). */
  key(key: string): void;
}

export interface MaskEditingOptions {
  /** The label set's mask question (its first region question), or null: no mask tools. */
  readonly question: Question | null;
  readonly document: RecordStore | null;
  readonly adapter: ViewerAdapter | null;
  readonly size: SliceSize | null;
  /**
   * Where the HU values of the slice on screen come from: read only while a tool is active, so
   * paging and labelling with no mask tool convert no slice.
   */
  readonly huSource: { readonly slice: SliceRef | null; readonly displayed: boolean; readonly readSlice: ReadSlice };
  readonly editable: boolean;
  /** Runs a finished edit as one undo step. */
  runCommands(commands: readonly ToolCommand[]): void;
}

/** The mask tools of the CT reading room: the active tool, segment, HU range and segment display. */
export function useMaskEditing({ question, document, adapter, size, huSource, editable, runCommands }: MaskEditingOptions): MaskEditing | null {
  const [toolId, setToolId] = useState<MaskToolId | null>(null);
  const sliceHu = useSliceHu(huSource.slice, huSource.displayed, huSource.readSlice, question !== null && toolId !== null);
  const [classCode, setClass] = useState<string>(question?.classes[0]?.code ?? '');
  const [huRange, setHuRange] = useState<readonly [number, number]>(DEFAULT_HU_RANGE);
  const [displays, setDisplays] = useState<ReadonlyMap<string, SegmentDisplay>>(new Map());
  const previews = useMemo(() => new MaskPreviewFeed(), []);
  const [radius, setRadius] = useState<number | null>(null);
  const active = useRef<ActiveMaskTool | null>(null);

  useEffect(() => {
    if (question && !question.classes.some((c) => c.code === classCode)) setClass(question.classes[0]?.code ?? '');
  }, [question, classCode]);

  const setTool = useCallback((id: MaskToolId | null) => {
    setToolId(id);
    active.current = id ? findMaskTool(id).activate() : null;
    previews.set(null);
  }, [previews]);

  const context = (): MaskToolContext | null => {
    const targetId = adapter?.targetId() ?? null;
    if (!question || !document || !adapter || !size || targetId === null) return null;
    return {
      targetId,
      questionId: question.id,
      classCode,
      size,
      imagePxPerScreenPx: adapter.imagePxPerScreenPx(),
      hu: sliceHu?.targetId === targetId ? sliceHu.hu : null,
      huRange,
      labels: () => labelmapOf(maskAt(document, question.id, targetId, classCode)?.runs ?? null, size),
    };
  };

  const feed = (input: ToolInput) => {
    const tool = active.current;
    const ctx = context();
    if (!tool || !ctx) return;
    const commands = tool.handle(input, ctx).flatMap((effect) => (effect.type === 'execute' ? [effect.command] : []));
    // Each finished edit is its own undo step.
    for (const command of commands) runCommands([command]);
    const next = tool.preview(ctx);
    // Only the mask layer redraws on a move; the reading room re-renders when the radius changes.
    previews.set(next);
    if (next?.brush) setRadius(next.brush.radius);
  };
  const feedRef = useRef(feed);
  feedRef.current = feed;
  const onInput = useCallback((input: ToolInput) => feedRef.current(input), []);

  if (!question) return null;
  return {
    question,
    toolId,
    setTool,
    classCode,
    setClass,
    huRange,
    setHuRange,
    display: (code) => displays.get(code) ?? DEFAULT_DISPLAY,
    setDisplay: (code, display) => setDisplays((now) => new Map(now).set(code, display)),
    previews,
    radius,
    onInput: toolId && editable ? onInput : null,
    key: (key) => feedRef.current({ type: 'key', key, modifiers: { shift: false, alt: false, ctrl: false } }),
  };
}
