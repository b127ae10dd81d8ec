/**
 * The region layer of a frame set's large view, outside React: the slide viewer's tool controller
 * over the region tools of a frame, fed by the shared pointer input through an adapter of the
 * large view, and the region-mode keys. Tagging mode is the controller's "no tool": the grid's keys
 * and clicks are then left alone. React reads `snapshot()` and draws the SVG overlay from it.
 */
import type { Point } from '../../../core/annotation';
import type { ImageSize } from '../../../core/geometry/round';
import type { Question } from '../../../core/labelSet';
import type { RecordStore } from '../../../core/recordStore';
import { createToolContext, type ToolId } from '../../../core/tools';
import type { ToolCommand, ToolNotice, ToolPreview } from '../../../core/tools/tool';
import { attachPointerInput, modifiersOf } from '../../../viewer/annotation/pointerInput';
import { PAN, ToolController, type ControllerTool } from '../../../viewer/annotation/toolController';
import type { ViewerAdapter } from '../../../viewer/adapter';
import { typingInto } from '../../reading/typingInto';
import type { FrameMapping } from './frameImageMapping';
import { escapeLeavesRegionMode, FRAME_REGION_TOOLS } from './frameRegionTools';

export interface FrameRegionSnapshot {
  /** `pan` is tagging mode: keys answer the frame's question. */
  readonly tool: ControllerTool;
  readonly classCode: string;
  readonly selection: ReadonlySet<string>;
  readonly refusal: string | null;
  /** What the tool shows now (image px). */
  readonly preview: ToolPreview | null;
}

/** The frame shown and where its pixels are on screen, or null while none is. */
export interface ShownFrame {
  readonly targetId: string;
  readonly size: ImageSize;
  readonly mapping: FrameMapping;
}

export interface FrameRegionSessionOptions {
  /** The label set's region question: its classes, colours and keys. */
  readonly question: Question;
  /** Whether the frame set accepts edits now (drawing tools are offered only then). */
  editable(): boolean;
  /** Runs commands as one undo step; the refusal as a sentence, or null. */
  run(commands: readonly ToolCommand[]): string | null;
  notice(notice: ToolNotice): string;
  /** Keys the page keeps even in region mode (the player's stepping and range marks); none by default. */
  keepsKey?(event: KeyboardEvent): boolean;
}

export class FrameRegionSession {
  readonly controller: ToolController;
  private frame: ShownFrame | null = null;
  private keysOn = true;
  private readonly keepsKey: (event: KeyboardEvent) => boolean;
  private current: FrameRegionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];

  constructor(element: HTMLElement, store: RecordStore, options: FrameRegionSessionOptions) {
    const { question } = options;
    this.keepsKey = options.keepsKey ?? (() => false);
    this.controller = new ToolController({
      tools: FRAME_REGION_TOOLS,
      classes: question.classes,
      context: (selection, classCode) => {
        // Tools are fed input only while a frame is shown (the adapter says no target otherwise).
        const frame = this.frame;
        return createToolContext(store, {
          targetId: frame?.targetId ?? '',
          question,
          classCode,
          imagePxPerScreenPx: frame?.mapping.imagePxPerScreenPx ?? 1,
          imageSize: frame?.size ?? { width: 0, height: 0 },
          selection,
        });
      },
      run: (commands) => options.run(commands),
      notice: (notice) => options.notice(notice),
      classChange: (ids, classCode) => ({ name: 'shape/setClass', params: { ids, classCode } }),
      editable: () => options.editable(),
      onChange: () => this.changed(),
    });
    this.current = this.read();
    const onKey = (event: KeyboardEvent) => this.key(event);
    // Capture: region mode hears a key before the grid does, and keeps it from the grid once used.
    window.addEventListener('keydown', onKey, { capture: true });
    this.stops.push(
      () => window.removeEventListener('keydown', onKey, { capture: true }),
      store.watch((diff) => this.controller.pruneSelection(diff)),
      attachPointerInput(this.adapter(element), {
        takesPrimary: () => this.controller.toolId !== PAN,
        onInput: (input) => this.controller.input(input),
        // Keys come through `key` above, ahead of the grid's.
        onKey: () => false,
      }),
    );
  }

  snapshot(): FrameRegionSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another frame (or the same one moved on screen): a drawing in progress belongs to the frame it began on. */
  show(frame: ShownFrame | null): void {
    const moved = frame?.targetId !== this.frame?.targetId;
    this.frame = frame;
    if (moved) {
      this.controller.cancel();
      this.controller.select([]);
    }
    this.changed();
  }

  /** Picks a region tool (region mode) or `pan` (tagging mode). */
  setTool(tool: ToolId | typeof PAN): void {
    this.controller.setTool(tool);
  }

  /** Keys are the page's while a dialog is open. */
  listen(on: boolean): void {
    this.keysOn = on;
  }

  destroy(): void {
    this.controller.cancel();
    for (const stop of this.stops.splice(0)) stop();
    this.listeners.clear();
  }

  private key(event: KeyboardEvent): void {
    if (!this.keysOn || this.controller.toolId === PAN || event.defaultPrevented || event.isComposing || typingInto(event.target) || this.keepsKey(event)) return;
    if (event.key === 'Escape' && escapeLeavesRegionMode(this.controller.preview(), this.controller.selection)) {
      this.controller.setTool(PAN);
      event.preventDefault();
      return;
    }
    if (this.controller.key(event.key, modifiersOf(event))) event.preventDefault();
  }

  private adapter(element: HTMLElement): ViewerAdapter {
    const mapping = () => this.frame?.mapping;
    return {
      element,
      targetId: () => this.frame?.targetId ?? null,
      imageToScreen: (point: Point) => mapping()?.imageToScreen(point) ?? point,
      screenToImage: (point: Point) => mapping()?.screenToImage(point) ?? point,
      imagePxPerScreenPx: () => mapping()?.imagePxPerScreenPx ?? 1,
      visibleImageBox: () => ({ minX: 0, minY: 0, maxX: this.frame?.size.width ?? 0, maxY: this.frame?.size.height ?? 0 }),
      rotation: () => 0,
      // The overlay is React's: it redraws from the mapping the page measures.
      onViewChange: () => () => undefined,
      destroy: () => undefined,
    };
  }

  private changed(): void {
    const next = this.read();
    const last = this.current;
    if (next.tool === last.tool && next.classCode === last.classCode && next.selection === last.selection && next.refusal === last.refusal && next.preview === last.preview) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }

  private read(): FrameRegionSnapshot {
    const c = this.controller;
    return { tool: c.toolId, classCode: c.classCode, selection: c.selection, refusal: c.lastRefusal, preview: c.preview() };
  }
}
