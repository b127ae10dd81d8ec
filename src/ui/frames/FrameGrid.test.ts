import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { FrameGrid } from './FrameGrid';

const FRAMES = 20_000;

describe('FrameGrid', () => {
  it('puts only a screenful of rows of a 20,000-frame set in the page, sized for all of them', () => {
    const html = renderMarkup(
      createElement(FrameGrid, {
        itemId: 'item',
        sprites: undefined,
        shown: Array.from({ length: FRAMES }, (_, i) => i),
        current: 0,
        selection: null,
        answersOf: (frame: number) => (frame === 0 ? [{ questionId: 'mayo', color: '#2ca02c', title: 'Mayo: 0' }] : []),
        changes: 0,
        onColumns: () => undefined,
        onClick: () => undefined,
      }),
    );
    // Not laid out here: one column, every frame a row of the scroller, few of them drawn.
    expect(tagWithTestId(html, 'frame-grid')).toContain(`data-rows="${FRAMES}"`);
    const cells = html.match(/data-testid="frame-cell"/g) ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(50);
    expect(html).toContain('data-answers="mayo"');
  });
});
