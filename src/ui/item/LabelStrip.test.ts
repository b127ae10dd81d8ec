import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { LabelStrip } from './LabelStrip';

const [present, absent] = SAH_SLICE_LABEL_SET.questions[0]!.classes;

describe('LabelStrip', () => {
  it('draws a shown proposal hollow with its class and score, apart from a person’s answer', () => {
    const html = renderMarkup(
      createElement(LabelStrip, {
        classes: [[absent!], [], []],
        proposed: [null, { id: 'p', classes: [present!], score: 0.87 }, null],
        index: 0,
        selection: null,
        onSelect: () => {},
      }),
    );
    const answered = tagWithTestId(html, 'strip-cell-0');
    const proposed = tagWithTestId(html, 'strip-cell-1');
    const empty = tagWithTestId(html, 'strip-cell-2');
    expect(hasAttribute(answered, 'data-classes', 'sah.absent')).toBe(true);
    expect(answered).not.toContain('data-proposed');
    expect(hasAttribute(proposed, 'data-classes', '')).toBe(true);
    expect(hasAttribute(proposed, 'data-proposed', 'sah.present')).toBe(true);
    expect(hasAttribute(proposed, 'data-score', '0.87')).toBe(true);
    expect(proposed).toContain('proposed');
    expect(proposed).toContain('87%');
    expect(proposed).toContain(`border-color:${present!.color}`);
    expect(empty).not.toContain('data-proposed');
  });
});
