import { describe, expect, it } from 'vitest';
import type { Shape } from '../annotation';
import { lesionShape, squareRing, ToolHarness } from '../testing/toolHarness';
import { modelProvenance, shapeRecord, T0 } from '../testing/records';
import { selectTool } from './selectTool';

const LATER = '2024-05-02T08:00:00.000Z';

/** Two overlapping squares (b drawn later, so on top), one apart, and a point. */
function harness(selection: readonly string[] = [], imageSize = { width: 1000, height: 1000 }) {
  return new ToolHarness(selectTool, {
    imageSize,
    selection,
    records: [
      lesionShape('a', squareRing(100, 100, 100), T0),
      lesionShape('b', squareRing(150, 150, 100), LATER),
      lesionShape('c', squareRing(600, 600, 50), T0),
      shapeRecord('p', 'slide-1', { type: 'point', point: [800, 100] }, 'lesion.other', modelProvenance('gastric-net'), 'lesion'),
    ],
  });
}

const geometryOf = (h: ToolHarness<unknown>, id: string) => (h.editor.store.get(id) as Shape).geometry;
const ids = (h: ToolHarness<unknown>) => [...h.selection].sort();

describe('the select tool: choosing outlines', () => {
  it('a click selects the topmost outline under the pointer, near its edge or inside it', () => {
    const h = harness();
    h.click([175, 175]);
    expect(ids(h)).toEqual(['b']);
    h.click([120, 120]);
    expect(ids(h)).toEqual(['a']);
    h.click([803, 102]);
    expect(ids(h)).toEqual(['p']);
    h.click([653, 620]);
    expect(ids(h)).toEqual(['c']);
    h.click([500, 500]);
    expect(ids(h)).toEqual([]);
    expect(h.commands).toEqual([]);
  });

  it('Shift+click adds an outline and takes a selected one out; a plain click on a selected one keeps it alone', () => {
    const h = harness();
    h.click([120, 120]);
    h.click([620, 620], { shift: true });
    h.click([803, 100], { shift: true });
    expect(ids(h)).toEqual(['a', 'c', 'p']);
    h.click([620, 620], { shift: true });
    expect(ids(h)).toEqual(['a', 'p']);
    h.click([500, 500], { shift: true });
    expect(ids(h)).toEqual(['a', 'p']);
    h.click([120, 120]);
    expect(ids(h)).toEqual(['a']);
  });

  it('a drag on empty space selects the outlines wholly inside the band; Shift adds them', () => {
    const h = harness();
    h.drag([[90, 90], [200, 200], [260, 260]]);
    expect(h.preview).toBeNull();
    expect(ids(h)).toEqual(['a', 'b']);
    h.drag([[90, 90], [230, 230]]);
    expect(ids(h)).toEqual(['a']);
    h.drag([[590, 660], [900, 90]], { shift: true });
    expect(ids(h)).toEqual(['a', 'c', 'p']);
    h.down([950, 950]);
    h.move([700, 700], {}, true);
    expect(h.preview).toEqual({ box: { minX: 700, minY: 700, maxX: 950, maxY: 950 } });
    h.up([700, 700]);
    expect(ids(h)).toEqual([]);
  });

  it('Escape clears the selection', () => {
    const h = harness(['a', 'b']);
    h.key('Escape');
    expect(ids(h)).toEqual([]);
  });
});

describe('the select tool: editing the selection', () => {
  it('dragging a selected outline moves the whole selection as one command, one undo step', () => {
    const h = harness(['a', 'c']);
    h.down([620, 620]);
    h.move([630, 640], {}, true);
    expect(h.preview?.moving).toEqual({ ids: ['a', 'c'], delta: [10, 20] });
    h.move([640.004, 650], {}, true);
    h.up([640.004, 650]);
    expect(h.commands).toEqual([{ name: 'shape/translate', params: { ids: ['a', 'c'], dx: 20, dy: 30 } }]);
    expect(geometryOf(h, 'a')).toEqual({ type: 'polygon', points: squareRing(120, 130, 100) });
    expect(geometryOf(h, 'c')).toEqual({ type: 'polygon', points: squareRing(620, 630, 50) });
    expect(geometryOf(h, 'b')).toEqual({ type: 'polygon', points: squareRing(150, 150, 100) });
    h.editor.undo();
    expect(geometryOf(h, 'a')).toEqual({ type: 'polygon', points: squareRing(100, 100, 100) });
    expect(geometryOf(h, 'c')).toEqual({ type: 'polygon', points: squareRing(600, 600, 50) });
    expect(h.editor.canUndo).toBe(false);
  });

  it('dragging an unselected outline selects and moves it alone, kept inside the image; the preview follows', () => {
    const h = harness(['c']);
    h.down([120, 120]);
    expect(ids(h)).toEqual(['a']);
    h.move([0, 50], {}, true);
    expect(h.preview).toEqual({ geometry: { type: 'polygon', points: squareRing(0, 30, 100) }, moving: { ids: ['a'], delta: [-100, -70] } });
    h.move([-300, 70], {}, true);
    h.up([-300, 70]);
    expect(geometryOf(h, 'a')).toEqual({ type: 'polygon', points: squareRing(0, 50, 100) });
  });

  it('a press that barely moves is a click, and Escape drops a move in progress', () => {
    const h = harness(['a']);
    h.drag([[120, 120], [121, 121]]);
    h.down([120, 120]);
    h.move([300, 300], {}, true);
    h.key('Escape');
    h.up([300, 300]);
    expect(h.commands).toEqual([]);
    expect(ids(h)).toEqual(['a']);
  });

  it('dragging a vertex handle of the single selected polygon reshapes it', () => {
    const h = harness(['a']);
    expect(h.preview).toEqual({ handles: squareRing(100, 100, 100) });
    h.down([201, 199]);
    h.move([260, 180], {}, true);
    expect(h.preview?.geometry).toEqual({ type: 'polygon', points: [[100, 100], [200, 100], [260, 180], [100, 200]] });
    h.up([260, 180]);
    expect(h.commands).toEqual([
      { name: 'shape/update', params: { id: 'a', geometry: { type: 'polygon', points: [[100, 100], [200, 100], [260, 180], [100, 200]] } } },
    ]);
    h.editor.undo();
    expect(geometryOf(h, 'a')).toEqual({ type: 'polygon', points: squareRing(100, 100, 100) });
  });

  it('gives every ring of a selected multiPolygon handles: a hole’s vertex drags like any other', () => {
    const parts = {
      type: 'multiPolygon' as const,
      polygons: [{ points: squareRing(0, 0, 100), holes: [squareRing(40, 40, 20)] }, { points: squareRing(300, 0, 50) }],
    };
    const h = new ToolHarness(selectTool, { selection: ['m'], records: [shapeRecord('m', 'slide-1', parts, 'lesion.carcinoma', undefined, 'lesion')] });
    expect(h.preview?.handles).toHaveLength(12);
    h.drag([[60, 60], [70, 75]]);
    expect(geometryOf(h, 'm')).toEqual({ ...parts, polygons: [{ points: squareRing(0, 0, 100), holes: [[[40, 40], [60, 40], [70, 75], [40, 60]]] }, parts.polygons[1]] });
  });

  it('moves no vertex onto a line with its neighbours, leaving no area', () => {
    const h = new ToolHarness(selectTool, { selection: ['t'], records: [lesionShape('t', [[0, 0], [100, 0], [50, 50]])] });
    h.drag([[50, 50], [50, 20], [50, 0]]);
    expect(h.commands).toEqual([]);
  });

  it('a vertex dragged across the outline snaps back on release, saying why, after a warning preview', () => {
    const h = harness(['a']);
    // The corner (200, 200) pulled over the left edge to (40, 130): the square would cross itself.
    h.down([200, 200]);
    h.move([40, 130], {}, true);
    expect(h.preview).toMatchObject({ crossing: true, geometry: { type: 'polygon', points: [[100, 100], [200, 100], [40, 130], [100, 200]] } });
    h.move([150, 150], {}, true);
    expect(h.preview?.crossing).toBeUndefined();
    h.move([40, 130], {}, true);
    h.up([40, 130]);
    expect(h.commands).toEqual([]);
    expect(h.notices).toEqual(['outlineWouldCross']);
    expect(geometryOf(h, 'a')).toEqual({ type: 'polygon', points: squareRing(100, 100, 100) });
  });

  it('a hole’s vertex dragged out of its outline snaps back too', () => {
    const outline = { type: 'polygon' as const, points: squareRing(0, 0, 100), holes: [squareRing(40, 40, 20)] };
    const h = new ToolHarness(selectTool, { selection: ['m'], records: [shapeRecord('m', 'slide-1', outline, 'lesion.carcinoma', undefined, 'lesion')] });
    h.drag([[60, 60], [130, 70]]);
    expect(h.commands).toEqual([]);
    expect(h.notices).toEqual(['outlineWouldCross']);
  });

  it('Delete removes the selection in one step (a proposal is rejected, kept hidden)', () => {
    const h = harness(['a', 'p']);
    h.key('Delete');
    expect(h.commands).toEqual([{ name: 'shape/removeMany', params: { ids: ['a', 'p'] } }]);
    expect(h.editor.store.get('a')).toBeUndefined();
    expect(h.editor.store.get('p')?.provenance.decision).toBe('rejected');
    expect(ids(h)).toEqual([]);
    h.click([803, 100]);
    expect(ids(h)).toEqual([]);
    h.key('Backspace');
    expect(h.commands).toHaveLength(1);
  });

  it('a class key changes the class of the selection; other keys do nothing', () => {
    const h = harness(['a', 'b']);
    h.key('a');
    h.key('x');
    expect(h.commands).toEqual([{ name: 'shape/setClass', params: { ids: ['a', 'b'], classCode: 'lesion.adenoma' } }]);
    expect([(h.editor.store.get('a') as Shape).classCode, (h.editor.store.get('c') as Shape).classCode]).toEqual(['lesion.adenoma', 'lesion.carcinoma']);
  });
});
