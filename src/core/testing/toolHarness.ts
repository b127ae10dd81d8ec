/** Drives a tool headlessly like a user at a mouse and keyboard, through a real editor. */
import type { AnnotationRecord, Point, Shape } from '../annotation';
import { executeToolCommand, type DocumentEditor } from '../documentEditor';
import type { ImageSize } from '../geometry/round';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import type { Item } from '../item';
import { createToolContext } from '../tools/context';
import { NO_MODIFIERS } from '../tools/common';
import type { Modifiers, Tool, ToolCommand, ToolContext, ToolEffect, ToolId, ToolInput, ToolNotice, ToolPreview } from '../tools/tool';
import { humanProvenance, shapeRecord, slideItem, testEditor } from './records';

const LESION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!;

export interface HarnessOptions {
  readonly records?: Iterable<AnnotationRecord>;
  /** A slide of this size (image px). */
  readonly imageSize?: ImageSize;
  readonly imagePxPerScreenPx?: number;
  readonly classCode?: string;
  readonly selection?: readonly string[];
}

export class ToolHarness<S> {
  readonly editor: DocumentEditor;
  readonly item: Item;
  readonly imageSize: ImageSize;
  state: S;
  selection: ReadonlySet<string>;
  imagePxPerScreenPx: number;
  classCode: string;
  /** Every command the tool had run, in order. */
  readonly commands: ToolCommand[] = [];
  readonly switchedTo: ToolId[] = [];
  readonly notices: ToolNotice[] = [];
  /** Every prompt the tool asked a model, in order. */
  readonly prompts: Extract<ToolEffect, { type: 'prompt' }>[] = [];

  constructor(
    readonly tool: Tool<S>,
    options: HarnessOptions = {},
  ) {
    this.imageSize = options.imageSize ?? { width: 10_000, height: 8_000 };
    this.item = slideItem(this.imageSize.width, this.imageSize.height);
    this.editor = testEditor(options.records ?? [], { labelSet: GASTRIC_BIOPSY_LABEL_SET, item: this.item }).editor;
    this.state = tool.initial();
    this.selection = new Set(options.selection ?? []);
    this.imagePxPerScreenPx = options.imagePxPerScreenPx ?? 1;
    this.classCode = options.classCode ?? 'lesion.carcinoma';
  }

  get context(): ToolContext {
    return createToolContext(this.editor.store, {
      targetId: this.item.id,
      imageSize: this.imageSize,
      question: LESION,
      classCode: this.classCode,
      imagePxPerScreenPx: this.imagePxPerScreenPx,
      selection: this.selection,
    });
  }

  get preview(): ToolPreview | null {
    return this.tool.preview(this.state, this.context);
  }

  /** The outlines in the document now. */
  get shapes(): Shape[] {
    return [...this.editor.store.records()].filter((r): r is Shape => r.type === 'shape');
  }

  send(input: ToolInput): readonly ToolEffect[] {
    const { state, effects } = this.tool.handle(this.state, input, this.context);
    this.state = state;
    for (const effect of effects) this.apply(effect);
    return effects;
  }

  down(point: Point, modifiers: Partial<Modifiers> = {}) {
    return this.send({ type: 'down', point, modifiers: { ...NO_MODIFIERS, ...modifiers } });
  }

  move(point: Point, modifiers: Partial<Modifiers> = {}, pressed = false) {
    return this.send({ type: 'move', point, modifiers: { ...NO_MODIFIERS, ...modifiers }, pressed });
  }

  up(point: Point, modifiers: Partial<Modifiers> = {}) {
    return this.send({ type: 'up', point, modifiers: { ...NO_MODIFIERS, ...modifiers } });
  }

  click(point: Point, modifiers: Partial<Modifiers> = {}): void {
    this.down(point, modifiers);
    this.up(point, modifiers);
  }

  /** What a browser sends for a double-click: two clicks, then `dblclick`. */
  doubleClick(point: Point, modifiers: Partial<Modifiers> = {}): void {
    this.click(point, modifiers);
    this.click(point, modifiers);
    this.send({ type: 'doubleClick', point, modifiers: { ...NO_MODIFIERS, ...modifiers } });
  }

  /** Press at the first point, move through the others with the button held, release at the last. */
  drag(path: readonly Point[], modifiers: Partial<Modifiers> = {}): void {
    this.down(path[0]!, modifiers);
    for (const point of path.slice(1)) this.move(point, modifiers, true);
    this.up(path[path.length - 1]!, modifiers);
  }

  key(key: string, modifiers: Partial<Modifiers> = {}) {
    return this.send({ type: 'key', key, modifiers: { ...NO_MODIFIERS, ...modifiers } });
  }

  private apply(effect: ToolEffect): void {
    if (effect.type === 'execute') {
      this.commands.push(effect.command);
      executeToolCommand(this.editor, effect.command);
    } else if (effect.type === 'select') this.selection = new Set(effect.ids);
    else if (effect.type === 'notice') this.notices.push(effect.notice);
    else if (effect.type === 'prompt') this.prompts.push(effect);
    else this.switchedTo.push(effect.tool);
  }
}

/** A lesion outline of the gastric-biopsy set, drawn by alice, for harness documents. */
export function lesionShape(id: string, points: readonly Point[], updatedAt?: string): Shape {
  const provenance = updatedAt ? humanProvenance('alice', updatedAt) : humanProvenance('alice');
  return shapeRecord(id, 'slide-1', { type: 'polygon', points }, 'lesion.carcinoma', provenance, 'lesion');
}

/** An axis-aligned square as a polygon ring. */
export function squareRing(x: number, y: number, size: number): Point[] {
  return [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
}
