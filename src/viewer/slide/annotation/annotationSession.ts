/**
 * Everything the annotation layer runs over one open slide, outside React: the document's
 * outline cache, the tool controller, the canvas overlay and the pointer input, wired together
 * and torn down together. React reads `snapshot()` (tool, class, selection, last refusal) and
 * renders the toolbar and panels from it.
 */
import type { Question } from '../../../core/labelSet';
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import type { RecordStore } from '../../../core/recordStore';
import type { ToolCommand, ToolNotice } from '../../../core/tools/tool';
import type { ViewerAdapter } from '../../adapter';
import { DocumentOutlines } from './documentOutlines';
import { OutlineOverlay } from './OutlineOverlay';
import { ClassPalette } from '../../annotation/outlineStyle';
import type { PackedLayerIndex } from './packedLayerIndex';
import { attachPointerInput } from '../../annotation/pointerInput';
import { PAN, ToolController, type ControllerTool, type PromptEffect } from '../../annotation/toolController';
import type { ToolKit } from './toolKit';

export interface SessionSnapshot {
  readonly tool: ControllerTool;
  readonly classCode: string;
  readonly selection: ReadonlySet<string>;
  readonly refusal: string | null;
  /** A click-prompted outline is being worked out. */
  readonly prompting: boolean;
}

/** What a click-prompt gave: the outline proposed (selected then), or why there is none. */
export type PromptAnswer = { readonly outlined: string } | { readonly notice: string };

/** One click-prompt for the page to run: the tool's prompts, the zoom they were given at, the outline they replace. */
export interface OutlinePrompt {
  readonly effect: PromptEffect;
  /** Level-0 px per screen px when the person clicked: the model reads the slide as they saw it. */
  readonly imagePxPerScreenPx: number;
  /** The outline these prompts gave before one more click (empty for a new outline). */
  readonly replaces: readonly string[];
}

export interface AnnotationSessionOptions {
  readonly targetId: string;
  /** The label set's region question: its classes, colours and keys. */
  readonly question: Question;
  /** Level-0 size of the slide, px. */
  readonly extent: { readonly width: number; readonly height: number };
  readonly kit: ToolKit;
  /** Whether the item accepts edits now (drawing tools are offered only then). */
  editable(): boolean;
  /** Runs commands as one undo step (the store's `runCommands`); the refusal as a sentence, or null. */
  run(commands: readonly ToolCommand[]): string | null;
  /** A tool's notice (an edit snapped back) as a sentence. */
  notice(notice: ToolNotice): string;
  /** Runs a click-prompt. Never rejects: a failure is a sentence to show. */
  prompt?(prompt: OutlinePrompt): Promise<PromptAnswer>;
}

export class AnnotationSession {
  readonly outlines: DocumentOutlines;
  readonly controller: ToolController;
  readonly overlay: OutlineOverlay;
  readonly palette: ClassPalette;
  private layers: readonly PackedLayerIndex[] = [];
  private documentVisible = true;
  private thresholds: ConfidenceThresholds = {};
  private current: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  /** Click-prompts run one after another, so a refining click replaces the outline the click before it gave. */
  private prompts: Promise<void> = Promise.resolve();
  private promptsWaiting = 0;
  private lastPrompted: string | null = null;

  constructor(
    readonly adapter: ViewerAdapter,
    readonly store: RecordStore,
    options: AnnotationSessionOptions,
  ) {
    const { targetId, question, extent, kit } = options;
    this.palette = new ClassPalette(question);
    this.outlines = new DocumentOutlines(store, targetId, extent, this.palette);
    this.controller = new ToolController({
      tools: kit.tools,
      classes: question.classes,
      context: (selection, classCode) =>
        kit.context(store, { targetId, question, classCode, imagePxPerScreenPx: adapter.imagePxPerScreenPx(), imageSize: extent, selection }),
      run: (commands) => options.run(commands),
      notice: (notice) => options.notice(notice),
      ...(kit.classChange ? { classChange: kit.classChange } : {}),
      editable: () => options.editable(),
      onChange: () => this.changed(),
      prompt: (effect) => this.prompt(effect, options.prompt),
    });
    this.current = this.read();
    this.overlay = new OutlineOverlay(adapter, () => ({
      outlines: this.documentVisible ? this.outlines : null,
      layers: this.layers,
      selection: this.controller.selection,
      thresholds: this.thresholds,
      preview: this.controller.preview(),
      previewColor: this.palette.color(this.controller.classCode),
    }));
    this.stops.push(
      store.watch((diff) => {
        this.controller.pruneSelection(diff);
        this.overlay.invalidate();
      }),
      attachPointerInput(adapter, {
        takesPrimary: () => this.controller.toolId !== PAN,
        onInput: (input) => this.controller.input(input),
        onKey: (key, modifiers) => this.controller.key(key, modifiers),
      }),
    );
  }

  snapshot(): SessionSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  showLayers(layers: readonly PackedLayerIndex[]): void {
    this.layers = layers;
    this.overlay.invalidate();
  }

  showDocument(visible: boolean): void {
    this.documentVisible = visible;
    this.overlay.invalidate();
  }

  /** Draws only the proposals scoring at least their question's threshold. */
  showThresholds(thresholds: ConfidenceThresholds): void {
    if (thresholds === this.thresholds) return;
    this.thresholds = thresholds;
    this.overlay.invalidate();
  }

  destroy(): void {
    this.controller.cancel();
    for (const stop of this.stops.splice(0)) stop();
    this.overlay.destroy();
    this.outlines.dispose();
    this.listeners.clear();
  }

  private prompt(effect: PromptEffect, ask: AnnotationSessionOptions['prompt']): void {
    if (!ask) return;
    const imagePxPerScreenPx = this.adapter.imagePxPerScreenPx();
    this.promptsWaiting += 1;
    this.changed();
    this.prompts = this.prompts.then(async () => {
      try {
        const replaces = effect.refine && this.lastPrompted ? [this.lastPrompted] : [];
        const answer = await ask({ effect, imagePxPerScreenPx, replaces });
        if ('outlined' in answer) {
          this.lastPrompted = answer.outlined;
          this.controller.select([answer.outlined]);
        } else {
          // A refining click that found nothing took the earlier outline away with it.
          if (replaces.length > 0) this.lastPrompted = null;
          this.controller.tell(answer.notice);
        }
      } finally {
        this.promptsWaiting -= 1;
        this.changed();
      }
    });
  }

  private changed(): void {
    this.overlay.invalidate();
    const next = this.read();
    const last = this.current;
    const same = next.tool === last.tool && next.classCode === last.classCode && next.selection === last.selection && next.refusal === last.refusal;
    if (same && next.prompting === last.prompting) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }

  private read(): SessionSnapshot {
    const c = this.controller;
    return { tool: c.toolId, classCode: c.classCode, selection: c.selection, refusal: c.lastRefusal, prompting: this.promptsWaiting > 0 };
  }
}
