import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { ClassButtons } from './ClassButtons';

const sah = SAH_SLICE_LABEL_SET.questions[0]!;
const group = GASTRIC_BIOPSY_LABEL_SET.questions[0]!;
const ignore = () => undefined;

describe('ClassButtons', () => {
  it("a CT slice's buttons: one per class with its key, the slice's classes pressed, Delete clears", () => {
    const html = renderMarkup(
      createElement(ClassButtons, {
        question: sah,
        pressedCodes: ['sah.present'],
        disabled: false,
        clearShortcut: { aria: 'Delete', label: 'Del' },
        testIdPrefix: 'label-button',
        clearTestId: 'label-clear',
        onChoose: ignore,
        onClear: ignore,
      }),
    );
    const present = tagWithTestId(html, 'label-button-sah.present');
    expect(hasAttribute(present, 'aria-pressed', 'true')).toBe(true);
    expect(hasAttribute(present, 'aria-keyshortcuts', '1')).toBe(true);
    expect(hasAttribute(present, 'aria-label', 'SAH present (key 1)')).toBe(true);
    expect(hasAttribute(present, 'disabled')).toBe(false);
    expect(hasAttribute(tagWithTestId(html, 'label-button-sah.absent'), 'aria-pressed', 'false')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'label-button-sah.uncertain'), 'aria-keyshortcuts', '3')).toBe(true);
    const clear = tagWithTestId(html, 'label-clear');
    expect(hasAttribute(clear, 'aria-keyshortcuts', 'Delete')).toBe(true);
    expect(hasAttribute(clear, 'disabled')).toBe(false);
    expect(html).toContain('<kbd aria-hidden="true">Del</kbd>');
    expect(html).toContain('aria-label="Subarachnoid haemorrhage per slice"');
  });

  it("a slide's answer: no key clears, and clearing waits for an answer", () => {
    const html = renderMarkup(
      createElement(ClassButtons, {
        question: group,
        pressedCodes: [],
        disabled: false,
        clearDisabled: true,
        testIdPrefix: 'slide-answer',
        clearTestId: 'slide-answer-clear',
        onChoose: ignore,
        onClear: ignore,
      }),
    );
    for (const n of [1, 2, 3, 4, 5]) {
      const button = tagWithTestId(html, `slide-answer-group.${n}`);
      expect(hasAttribute(button, 'aria-pressed', 'false')).toBe(true);
      expect(hasAttribute(button, 'aria-keyshortcuts', String(n))).toBe(true);
    }
    const clear = tagWithTestId(html, 'slide-answer-clear');
    expect(hasAttribute(clear, 'disabled')).toBe(true);
    expect(clear).not.toContain('aria-keyshortcuts');
    expect(html).not.toContain('>Del</kbd>');
  });

  it('a read-only item disables every button, the clear button too unless told otherwise', () => {
    const html = renderMarkup(
      createElement(ClassButtons, { question: sah, pressedCodes: [], disabled: true, testIdPrefix: 'label-button', clearTestId: 'label-clear', onChoose: ignore, onClear: ignore }),
    );
    for (const c of sah.classes) expect(hasAttribute(tagWithTestId(html, `label-button-${c.code}`), 'disabled')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'label-clear'), 'disabled')).toBe(true);
  });
});
