import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import { actionForKey, type ItemAction } from '../item/keymap';
import { slideActionForKey, type SlideAction } from '../slide/slideKeymap';
import { typingInto } from './typingInto';
import { readingKeyHandler } from './useReadingKeyboard';

/** Stand-ins for the DOM's element classes (Node has none), so `typingInto` can tell targets apart. */
class FakeElement {
  isContentEditable = false;
}
class FakeInput extends FakeElement {
  constructor(readonly type: string) {
    super();
  }
}
class FakeTextArea extends FakeElement {}
class FakeSelect extends FakeElement {}

beforeEach(() => {
  vi.stubGlobal('HTMLElement', FakeElement);
  vi.stubGlobal('HTMLInputElement', FakeInput);
  vi.stubGlobal('HTMLTextAreaElement', FakeTextArea);
  vi.stubGlobal('HTMLSelectElement', FakeSelect);
});
afterEach(() => vi.unstubAllGlobals());

const target = (element: FakeElement) => element as unknown as EventTarget; // a fake element stands in for a DOM one

function press(key: string, init: { code?: string; shiftKey?: boolean; ctrlKey?: boolean; target?: EventTarget | null; defaultPrevented?: boolean; isComposing?: boolean } = {}) {
  return {
    key,
    code: init.code ?? '',
    ctrlKey: init.ctrlKey ?? false,
    metaKey: false,
    shiftKey: init.shiftKey ?? false,
    altKey: false,
    target: init.target ?? null,
    defaultPrevented: init.defaultPrevented ?? false,
    isComposing: init.isComposing ?? false,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('readingKeyHandler', () => {
  const sah = SAH_SLICE_LABEL_SET.questions[0]!;
  const group = GASTRIC_BIOPSY_LABEL_SET.questions[0]!;

  it("runs the CT page's action for a bound key and takes the key", () => {
    const actions: ItemAction[] = [];
    const handle = readingKeyHandler(actionForKey, sah, (a) => actions.push(a));
    const key = press('1');
    handle(key);
    expect(actions).toEqual([{ type: 'label', classCode: 'sah.present' }]);
    expect(key.prevented).toBe(true);
  });

  it("runs the slide page's action with its own keymap", () => {
    const actions: SlideAction[] = [];
    const handle = readingKeyHandler(slideActionForKey, group, (a) => actions.push(a));
    handle(press('3', { code: 'Digit3' }));
    handle(press('z', { code: 'KeyZ', ctrlKey: true }));
    expect(actions).toEqual([{ type: 'answer', classCode: 'group.3' }, { type: 'undo' }]);
  });

  it('leaves unbound keys to the browser', () => {
    const actions: ItemAction[] = [];
    const key = press('y');
    readingKeyHandler(actionForKey, sah, (a) => actions.push(a))(key);
    expect(actions).toEqual([]);
    expect(key.prevented).toBe(false);
  });

  it('leaves alone a key another handler took, one typed into a text field, and one an IME is composing', () => {
    const actions: ItemAction[] = [];
    const handle = readingKeyHandler(actionForKey, sah, (a) => actions.push(a));
    for (const key of [press('1', { defaultPrevented: true }), press('1', { isComposing: true }), press('1', { target: target(new FakeInput('text')) })]) {
      handle(key);
      expect(key.prevented).toBe(false);
    }
    expect(actions).toEqual([]);
  });

  it('still answers keys pressed on a button or the slice slider', () => {
    const actions: ItemAction[] = [];
    const handle = readingKeyHandler(actionForKey, sah, (a) => actions.push(a));
    handle(press('2', { target: target(new FakeInput('range')) }));
    handle(press('3', { target: target(new FakeElement()) }));
    expect(actions).toEqual([
      { type: 'label', classCode: 'sah.absent' },
      { type: 'label', classCode: 'sah.uncertain' },
    ]);
  });
});

describe('typingInto', () => {
  it('text fields, text areas, selects and editable elements keep their keys', () => {
    const editable = new FakeElement();
    editable.isContentEditable = true;
    for (const element of [new FakeInput('text'), new FakeInput('number'), new FakeTextArea(), new FakeSelect(), editable]) {
      expect(typingInto(target(element))).toBe(true);
    }
  });

  it('buttons, sliders, check boxes, other elements and no target do not', () => {
    for (const type of ['range', 'checkbox', 'radio', 'button', 'submit']) expect(typingInto(target(new FakeInput(type)))).toBe(false);
    expect(typingInto(target(new FakeElement()))).toBe(false);
    expect(typingInto(null)).toBe(false);
  });
});
