/**
 * The annotation layer of a slide: the canvas overlay of the annotator's outlines and of the
 * slide's read-only layers, the tools that draw and edit them, the lesion classes, the selected
 * outline's facts and the layer list. Rendered by the slide workspace over its viewer.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { decodeOutlineLayer } from '../../../core/outlineLayer';
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import { t } from '../../../i18n';
import { isEditable, type OpenItem } from '../../../store';
import type { ViewerAdapter } from '../../adapter';
import { openItemEdits } from '../../annotation/openItemEdits';
import { AnnotationSession, type OutlinePrompt, type PromptAnswer, type SessionSnapshot } from './annotationSession';
import { AnnotationToolbar } from './AnnotationToolbar';
import { LayerList } from './LayerList';
import { SelectionPanel } from './SelectionPanel';
import { SLIDE_TOOL_KIT } from './slideToolKit';
import type { ToolKit } from './toolKit';
import { useOutlineLayers, type LayerDecoder } from './useOutlineLayers';
import './SlideAnnotationLayer.css';

export interface SlideAnnotationLayerProps {
  readonly adapter: ViewerAdapter;
  readonly open: OpenItem;
  /** The tools offered (the core registry unless a test says otherwise). */
  readonly kit?: ToolKit;
  /** Reads a layer's binary form (the served form, `decodeOutlineLayer`, unless a test says otherwise). */
  readonly decodeLayer?: LayerDecoder;
  /** Hears the selected outlines' ids whenever the selection changes (the page decides on selected proposals). */
  readonly onSelection?: (ids: ReadonlySet<string>) => void;
  /** The AI panel's confidence per question: proposals scoring less are not drawn. */
  readonly thresholds?: ConfidenceThresholds;
  /** Runs the click-to-outline tool's prompts (the page's model); without it the tool outlines nothing. */
  readonly onPrompt?: (prompt: OutlinePrompt) => Promise<PromptAnswer>;
}

const EVERY_SCORE: ConfidenceThresholds = {};

export function SlideAnnotationLayer({ adapter, open, kit = SLIDE_TOOL_KIT, decodeLayer = decodeOutlineLayer, onSelection, thresholds = EVERY_SCORE, onPrompt }: SlideAnnotationLayerProps) {
  const store = open.document;
  const detail = open.detail;
  const content = detail?.item.content;
  const question = detail?.labelSet.questions.find((q) => q.target === 'region') ?? null;
  const level0 = content?.kind === 'slide' ? content.levels[0] : undefined;
  const extent = useMemo(() => ({ width: level0?.width ?? 1, height: level0?.height ?? 1 }), [level0?.width, level0?.height]);
  const targetId = open.targetIds[0] ?? open.itemId;
  const [session, setSession] = useState<AnnotationSession | null>(null);
  // The session lives across renders; it reaches the page's latest prompt runner through this.
  const promptRunner = useRef(onPrompt);
  promptRunner.current = onPrompt;

  useEffect(() => {
    if (!store || !question) return undefined;
    const next = new AnnotationSession(adapter, store, {
      targetId,
      question,
      extent,
      kit,
      ...openItemEdits,
      prompt: (prompt) => promptRunner.current?.(prompt) ?? Promise.resolve({ notice: t('clickOutline.noModel') }),
    });
    setSession(next);
    return () => {
      next.destroy();
      setSession(null);
    };
  }, [adapter, store, question, targetId, extent, kit]);

  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : () => undefined), [session]);
  const read = useCallback((): SessionSnapshot | null => session?.snapshot() ?? null, [session]);
  const snapshot = useSyncExternalStore(subscribe, read);
  const layers = useOutlineLayers(open.itemId, extent, decodeLayer);
  const selection = snapshot?.selection;
  useEffect(() => {
    if (selection) onSelection?.(selection);
  }, [selection, onSelection]);
  const [documentVisible, setDocumentVisible] = useState(true);

  useEffect(() => {
    session?.showLayers(layers.layers.flatMap((layer) => (layer.visible && layer.index ? [layer.index] : [])));
  }, [session, layers.layers]);
  useEffect(() => {
    session?.showDocument(documentVisible);
  }, [session, documentVisible]);
  useEffect(() => {
    session?.showThresholds(thresholds);
  }, [session, thresholds]);

  if (!session || !snapshot || !question || !store) return null;
  const micronsPerPixel = content?.kind === 'slide' ? content.micronsPerPixel : null;
  return (
    <div className="slide-annotation" data-testid="slide-annotation-layer" data-tool={snapshot.tool} data-class={snapshot.classCode} data-selected={snapshot.selection.size} data-prompting={snapshot.prompting ? 'true' : 'false'} data-ready="true">
      <AnnotationToolbar
        kit={kit}
        question={question}
        snapshot={snapshot}
        editable={isEditable(open)}
        onTool={(tool) => session.controller.setTool(tool)}
        onClass={(code) => session.controller.setClass(code)}
      />
      <aside className="slide-annotation-side">
        <SelectionPanel store={store} changes={open.changes} selection={snapshot.selection} question={question} micronsPerPixel={micronsPerPixel} area={kit.area} />
        <LayerList
          documentCount={session.outlines.count}
          documentVisible={documentVisible}
          onDocument={() => setDocumentVisible((v) => !v)}
          layers={layers}
        />
        {snapshot.refusal && (
          <p className="slide-annotation-refusal" role="alert">
            {snapshot.refusal}
          </p>
        )}
      </aside>
    </div>
  );
}
