/**
 * The lead's editor of a region unit's drawing, over the slide: a draft document of its own (the
 * lead's polygons, never anyone's annotation document) edited with the annotator's slide tools
 * (select and drag vertices, add or delete them, draw a polygon, freehand or brush). Ctrl+Z / Ctrl+Shift+Z
 * step through the draft; Enter saves the draft as the unit's decision, Escape leaves it.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Geometry, Shape } from '../../core/annotation';
import { DocumentEditor, runToolCommands } from '../../core/documentEditor';
import type { Item } from '../../core/item';
import type { LabelSet, Question } from '../../core/labelSet';
import { ItemTargets } from '../../core/targets';
import { TOOLS } from '../../core/tools';
import { useT } from '../../i18n';
import type { ViewerAdapter } from '../../viewer/adapter';
import { AnnotationSession, type SessionSnapshot } from '../../viewer/slide/annotation/annotationSession';
import { AnnotationToolbar } from '../../viewer/slide/annotation/AnnotationToolbar';
import { SLIDE_TOOL_KIT } from '../../viewer/slide/annotation/slideToolKit';
import type { ToolKit } from '../../viewer/slide/annotation/toolKit';
import { PAN } from '../../viewer/annotation/toolController';
// The toolbar's look lives with the annotation layer it was made for.
import '../../viewer/slide/annotation/SlideAnnotationLayer.css';
import { editorKeyAction } from './editorKeys';
import { draftGeometries, type RegionUnitKey } from './regionDraft';

/** The tools that leave polygons: a consensus region is settled with polygons only. */
const EDIT_KIT: ToolKit = { ...SLIDE_TOOL_KIT, tools: TOOLS.filter((tool) => ['select', 'polygon', 'freehand', 'brush'].includes(tool.id)) };

export interface RegionEditorProps {
  readonly adapter: ViewerAdapter;
  readonly item: Item;
  readonly labelSet: LabelSet;
  /** The region question, its classes cut to the unit's one. */
  readonly question: Question;
  readonly unit: RegionUnitKey;
  readonly targetId: string;
  /** Level-0 size of the slide, px. */
  readonly extent: { readonly width: number; readonly height: number };
  readonly userId: string;
  /** The draft's first records (a reader's drawing copied, or none to draw anew). */
  readonly initial: readonly Shape[];
  readonly busy: boolean;
  readonly onSave: (geometries: Geometry[]) => void;
  readonly onCancel: () => void;
}

export function RegionEditor({ adapter, item, labelSet, question, unit, targetId, extent, userId, initial, busy, onSave, onCancel }: RegionEditorProps) {
  const t = useT();
  const editor = useMemo(
    () => new DocumentEditor({ key: { itemId: item.id, annotatorId: userId, labelSetId: labelSet.id, labelSetVersion: labelSet.version }, records: initial, labelSet, targets: new ItemTargets(item), userId }),
    [item, userId, labelSet, initial],
  );
  const [session, setSession] = useState<AnnotationSession | null>(null);
  const [count, setCount] = useState(initial.length);
  const [canUndo, setCanUndo] = useState(false);

  useEffect(() => {
    const next = new AnnotationSession(adapter, editor.store, {
      targetId,
      question,
      extent,
      kit: EDIT_KIT,
      editable: () => true,
      run: (commands) => {
        const refusal = runToolCommands(editor, commands);
        return refusal === null ? null : t('annotation.refused', { reason: refusal });
      },
      notice: (notice) => t(`annotation.notice.${notice}`),
    });
    // A copied drawing is there to be reshaped; an empty draft is there to be drawn.
    next.controller.setTool(initial.length > 0 ? 'select' : 'polygon');
    const stop = editor.subscribe(() => {
      setCount(editor.store.size);
      setCanUndo(editor.canUndo);
    });
    setSession(next);
    return () => {
      stop();
      next.destroy();
      setSession(null);
    };
  }, [adapter, editor, question, targetId, extent, initial, t]);

  const save = useCallback(() => {
    const geometries = draftGeometries([...editor.store.records()], unit);
    if (geometries.length > 0) onSave(geometries);
  }, [editor, unit, onSave]);

  useEffect(() => {
    if (!session) return undefined;
    // Capture: decided before the tools' own key handling, which would take Enter and Escape whatever they hold.
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      const { controller } = session;
      const drawing = controller.toolId !== PAN && controller.toolId !== 'select' && controller.preview() !== null;
      const action = editorKeyAction(event.key, { shift: event.shiftKey, alt: event.altKey, ctrl: event.ctrlKey || event.metaKey }, { drawing, selected: controller.selection.size > 0 });
      if (!action) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (action === 'undo') editor.undo();
      else if (action === 'redo') editor.redo();
      else if (action === 'save') save();
      else onCancel();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [session, editor, save, onCancel]);

  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : () => undefined), [session]);
  const snapshot = useSyncExternalStore(subscribe, (): SessionSnapshot | null => session?.snapshot() ?? null);
  if (!session || !snapshot) return null;
  return (
    <div className="slide-annotation" data-testid="region-editor" data-tool={snapshot.tool} data-selected={snapshot.selection.size} data-count={count} data-ready="true">
      <AnnotationToolbar kit={EDIT_KIT} question={question} snapshot={snapshot} editable onTool={(tool) => session.controller.setTool(tool)} onClass={(code) => session.controller.setClass(code)} />
      <aside className="slide-annotation-side">
        <button type="button" data-testid="region-editor-undo" disabled={!canUndo} onClick={() => editor.undo()}>
          {t('adjudication.draft.undo')}
        </button>
        <button type="button" data-testid="region-editor-save" disabled={busy || count === 0} onClick={save}>
          {t('adjudication.draft.save')}
        </button>
        <button type="button" data-testid="region-editor-cancel" onClick={onCancel}>
          {t('adjudication.draft.cancel')}
        </button>
        {snapshot.refusal && (
          <p className="slide-annotation-refusal" role="alert">
            {snapshot.refusal}
          </p>
        )}
      </aside>
    </div>
  );
}
