/**
 * Pointer and key events over an image (a slide, a frame), as `ToolInput` in image px. While a tool takes the
 * primary button, its presses, drags and clicks are caught on the way down (capture phase) and
 * kept from OpenSeadragon, which would pan or zoom on them; the middle and right buttons, the
 * wheel, and the primary button with Space held still reach OpenSeadragon, so the slide pans as
 * usual.
 */
import type { Point } from '../../core/annotation';
import type { Modifiers, ToolInput } from '../../core/tools/tool';
import type { ViewerAdapter } from '../adapter';

export interface PointerInputOptions {
  /** Whether a tool takes the primary button now. */
  takesPrimary(): boolean;
  onInput(input: ToolInput): void;
  /** A key over the page (not in a text field); answers whether it was used. */
  onKey(key: string, modifiers: Modifiers): boolean;
}

export function modifiersOf(event: MouseEvent | KeyboardEvent): Modifiers {
  return { shift: event.shiftKey, alt: event.altKey, ctrl: event.ctrlKey || event.metaKey };
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** The moves a pointermove event stands for, oldest first (itself where the browser keeps none). */
function movesIn(event: PointerEvent): readonly PointerEvent[] {
  const merged = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
  return merged.length > 0 ? merged : [event];
}

/** Starts listening; returns the function that stops. */
export function attachPointerInput(adapter: ViewerAdapter, options: PointerInputOptions): () => void {
  const element = adapter.element;
  let spaceHeld = false;
  let dragging: number | null = null;

  const imagePoint = (event: MouseEvent, rect: DOMRect = element.getBoundingClientRect()): Point =>
    adapter.screenToImage([event.clientX - rect.left, event.clientY - rect.top]);
  const ours = (event: PointerEvent | MouseEvent) => event.button === 0 && !spaceHeld && options.takesPrimary();
  const keep = (event: Event) => {
    event.stopPropagation();
    event.preventDefault();
  };

  const onDown = (event: PointerEvent) => {
    if (!ours(event) || adapter.targetId() === null) return;
    keep(event);
    dragging = event.pointerId;
    element.setPointerCapture(event.pointerId);
    options.onInput({ type: 'down', point: imagePoint(event), modifiers: modifiersOf(event) });
  };
  const onMove = (event: PointerEvent) => {
    const pressed = dragging === event.pointerId;
    if (pressed) keep(event);
    else if (!options.takesPrimary() || adapter.targetId() === null) return;
    // The browser hands over one move per frame and merges the rest into it; a busy page merges
    // many, and a traced outline would cut its curves short without them.
    const moves = pressed ? movesIn(event) : [event];
    // One read of the element's box for all of them: they share it.
    const rect = element.getBoundingClientRect();
    for (const move of moves) options.onInput({ type: 'move', point: imagePoint(move, rect), modifiers: modifiersOf(event), pressed });
  };
  const onUp = (event: PointerEvent) => {
    if (dragging !== event.pointerId) return;
    keep(event);
    dragging = null;
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
    options.onInput({ type: 'up', point: imagePoint(event), modifiers: modifiersOf(event) });
  };
  const onCancel = (event: PointerEvent) => {
    if (dragging !== event.pointerId) return;
    dragging = null;
    options.onInput({ type: 'cancel' });
  };
  const onClick = (event: MouseEvent) => {
    if (ours(event)) keep(event);
  };
  const onDoubleClick = (event: MouseEvent) => {
    if (!ours(event)) return;
    keep(event);
    options.onInput({ type: 'doubleClick', point: imagePoint(event), modifiers: modifiersOf(event) });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextField(event.target)) return;
    if (event.key === ' ') {
      spaceHeld = true;
      return;
    }
    if (options.onKey(event.key, modifiersOf(event))) event.preventDefault();
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ') spaceHeld = false;
  };

  const capture = { capture: true };
  element.addEventListener('pointerdown', onDown, capture);
  element.addEventListener('pointermove', onMove, capture);
  element.addEventListener('pointerup', onUp, capture);
  element.addEventListener('pointercancel', onCancel, capture);
  element.addEventListener('click', onClick, capture);
  element.addEventListener('dblclick', onDoubleClick, capture);
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  return () => {
    element.removeEventListener('pointerdown', onDown, capture);
    element.removeEventListener('pointermove', onMove, capture);
    element.removeEventListener('pointerup', onUp, capture);
    element.removeEventListener('pointercancel', onCancel, capture);
    element.removeEventListener('click', onClick, capture);
    element.removeEventListener('dblclick', onDoubleClick, capture);
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp);
  };
}
