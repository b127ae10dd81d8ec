/**
 * The annotation layer's controller, free of React and the DOM: holds the active tool and its
 * state, the selection and the active class; feeds the tool `ToolInput` and carries out its
 * effects (a command through the store's `runCommands`, one undo step each; a new selection; a
 * hand-over to another tool); routes keys (tool keys switch tools, class keys set the class and
 * re-class the selection, editing keys go to the tool).
 */
import type { RecordDiff } from '../../core/diff';
import type { ActiveTool, ToolEntry } from '../../core/tools';
import type { Modifiers, ToolCommand, ToolContext, ToolEffect, ToolId, ToolInput, ToolNotice, ToolPreview } from '../../core/tools/tool';

export type PromptEffect = Extract<ToolEffect, { readonly type: 'prompt' }>;

/** Keys the active tool hears; every other key is the layer's (tools, classes) or nobody's. */
const TOOL_KEYS: ReadonlySet<string> = new Set(['Enter', 'Escape', 'Backspace', 'Delete', '[', ']']);

export interface ToolControllerOptions {
  /** Every tool the layer offers, from the core registry (none is active at the start: pan). */
  readonly tools: readonly ToolEntry[];
  /** Region classes: code and key (`c` carcinoma…). */
  readonly classes: readonly { readonly code: string; readonly key?: string }[];
  /** What tools read of the document and the view now, for this selection and class. */
  context(selection: ReadonlySet<string>, classCode: string): ToolContext;
  /** Runs commands as one undo step; answers the refusal's reason, or null when done. */
  run(commands: readonly ToolCommand[]): string | null;
  /** A tool's notice as a sentence for the user (shown where a refusal is). */
  notice(notice: ToolNotice): string;
  /** The command that gives `ids` the class `classCode`, where the command set has one. */
  classChange?(ids: readonly string[], classCode: string): ToolCommand;
  /** Asks the click-to-outline model for the outline a prompt effect points at (the page runs it). */
  prompt?(effect: PromptEffect): void;
  /** Whether outlines may be drawn and edited now (else only panning and selecting). */
  editable(): boolean;
  /** The tool, class, selection or preview changed: redraw and re-render. */
  onChange(): void;
}

/** No tool: the primary button is OpenSeadragon's (drag pans, wheel zooms). */
export const PAN = 'pan';
export type ControllerTool = ToolId | typeof PAN;
/** The key of the pan mode (QuPath's and ImageScope's hand). */
const PAN_KEY = 'h';

export class ToolController {
  private active: ActiveTool | null = null;
  private selected: ReadonlySet<string> = new Set();
  private activeClass: string;
  private refusal: string | null = null;

  constructor(private readonly options: ToolControllerOptions) {
    this.activeClass = options.classes[0]?.code ?? '';
  }

  /** The active tool, or `pan` (the start: the slide is read before it is drawn on). */
  get toolId(): ControllerTool {
    return this.active?.id ?? PAN;
  }

  get classCode(): string {
    return this.activeClass;
  }

  get selection(): ReadonlySet<string> {
    return this.selected;
  }

  /** Why the last command was refused or an edit not made (shown to the user), null after one that ran. */
  get lastRefusal(): string | null {
    return this.refusal;
  }

  setTool(id: ControllerTool): void {
    if (id === this.toolId || (id !== PAN && id !== 'select' && !this.options.editable())) return;
    const entry = id === PAN ? null : this.options.tools.find((t) => t.id === id);
    if (entry === undefined) return;
    this.cancel();
    this.active = entry?.activate() ?? null;
    this.options.onChange();
  }

  /** Sets the class of new outlines; with a selection, the selection takes it too (one undo step). */
  setClass(code: string): void {
    if (!this.options.classes.some((c) => c.code === code)) return;
    this.activeClass = code;
    if (this.selected.size > 0 && this.options.classChange) this.run([this.options.classChange([...this.selected], code)]);
    this.options.onChange();
  }

  input(input: ToolInput): void {
    if (!this.active) return;
    const effects = this.active.handle(input, this.context());
    let switchTo: ToolId | null = null;
    for (const effect of effects) {
      if (effect.type === 'execute') this.run([effect.command]);
      else if (effect.type === 'select') this.selected = new Set(effect.ids);
      else if (effect.type === 'notice') this.refusal = this.options.notice(effect.notice);
      else if (effect.type === 'prompt') this.options.prompt?.(effect);
      else switchTo = effect.tool;
    }
    if (switchTo) this.setTool(switchTo);
    this.options.onChange();
  }

  /**
   * A key pressed over the slide (no modifier keys other than Shift/Alt for the tool); answers
   * whether the layer used it, so the page does not act on it too.
   */
  key(key: string, modifiers: Modifiers): boolean {
    if (TOOL_KEYS.has(key) && this.active) {
      this.input({ type: 'key', key, modifiers });
      return true;
    }
    // Shifted letters are the viewer's (rotate, full screen); tools and classes take plain keys.
    if (modifiers.ctrl || modifiers.alt || modifiers.shift) return false;
    const lower = key.toLowerCase();
    if (lower === PAN_KEY) {
      this.setTool(PAN);
      return true;
    }
    const tool = this.options.tools.find((t) => t.key === lower);
    if (tool) {
      this.setTool(tool.id);
      return true;
    }
    const regionClass = this.options.classes.find((c) => c.key === lower);
    if (regionClass) {
      this.setClass(regionClass.code);
      return true;
    }
    return false;
  }

  preview(): ToolPreview | null {
    return this.active?.preview(this.context()) ?? null;
  }

  /** Selects these outlines (one a model just proposed at the person's click). */
  select(ids: readonly string[]): void {
    this.selected = new Set(ids);
    this.refusal = null;
    this.options.onChange();
  }

  /** Shows a sentence where refusals are (why a click outlined nothing). */
  tell(sentence: string): void {
    this.refusal = sentence;
    this.options.onChange();
  }

  /** Drops selected ids the diff removed or hid (deleted, rejected, undone): O(diff). */
  pruneSelection(diff: RecordDiff): void {
    let next: Set<string> | null = null;
    for (const id of this.selected) {
      const entry = diff[id];
      if (!entry) continue;
      const after = entry[1];
      if (after && after.provenance.decision !== 'rejected') continue;
      next ??= new Set(this.selected);
      next.delete(id);
    }
    if (!next) return;
    this.selected = next;
    this.options.onChange();
  }

  /** Drops any drawing in progress (tool switch, item closing). */
  cancel(): void {
    this.active?.handle({ type: 'cancel' }, this.context());
  }

  private context(): ToolContext {
    return this.options.context(this.selected, this.activeClass);
  }

  private run(commands: readonly ToolCommand[]): void {
    this.refusal = this.options.run(commands);
  }
}
