import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { FrameGrid, rowCellsKey, type CellAnswer } from './FrameGrid';

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

  it('gives each cell of a frame set with sprites a canvas of the cell size, left blank until its sheet is decoded', () => {
    const sprites = { version: 'v1', cellWidth: 160, cellHeight: 120, columns: 10, rows: 10, sheets: 200 };
    const html = renderMarkup(
      createElement(FrameGrid, {
        itemId: 'item',
        sprites,
        shown: Array.from({ length: FRAMES }, (_, i) => i),
        current: 0,
        selection: null,
        answersOf: () => [],
        changes: 0,
        onColumns: () => undefined,
        onClick: () => undefined,
      }),
    );
    const cells = html.match(/data-testid="frame-cell"/g) ?? [];
    const canvases = html.match(/<canvas class="frame-cell-thumbnail" width="160" height="120" aria-hidden="true" data-drawn="false">/g) ?? [];
    expect(cells.length).toBeGreaterThan(0);
    expect(canvases.length).toBe(cells.length);
    // No CSS background into a sheet: Chromium would decode the whole sheet for each raster of a cell.
    expect(html).not.toContain('background-image');
  });

  it("keys a row by what its cells show: an answer changes only its own row's key", () => {
    const shown = Array.from({ length: 12 }, (_, i) => i);
    const answers = new Map<number, CellAnswer[]>([[1, [{ questionId: 'mayo', color: '#2ca02c', title: 'Mayo: 0' }]]]);
    const answersOf = (frame: number) => answers.get(frame) ?? [];
    const rows = () => [0, 4, 8].map((from) => rowCellsKey(shown, from, from + 4, answersOf, () => 0));
    const before = rows();
    answers.set(5, [{ questionId: 'mayo', color: '#d62728', title: 'Mayo: 3' }]);
    const after = rows();
    expect(after.map((key, row) => key === before[row])).toEqual([true, false, true]);
    // A region drawn on a cell changes its row's key too.
    expect(rowCellsKey(shown, 8, 12, answersOf, (frame) => (frame === 9 ? 1 : 0))).not.toBe(after[2]);
  });
});
