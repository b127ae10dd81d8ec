import { describe, expect, it } from 'vitest';
import type { Geometry, Point, Shape } from '../annotation';
import { geometryBounds } from '../bounds';
import { geometryArea } from '../geometry/measure';
import { lesionShape, ToolHarness } from '../testing/toolHarness';
import { BRUSH_RADIUS, brushTool } from './brushTool';

/** A long lesion 400 × 100 px, selected. */
function harness(points: readonly Point[] = [[0, 100], [400, 100], [400, 200], [0, 200]], selection = ['l']) {
  return new ToolHarness(brushTool, { selection, records: [lesionShape('l', points)], imageSize: { width: 1000, height: 1000 } });
}

const geometryOf = (h: ToolHarness<unknown>, id: string): Geometry => (h.editor.store.get(id) as Shape).geometry;
const line = (from: Point, to: Point, steps: number): Point[] =>
  Array.from({ length: steps + 1 }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps] as const);

describe('the brush tool', () => {
  it('Alt-stroked through the middle of a long lesion, cuts it into a multiPolygon of two parts', () => {
    const h = harness();
    h.drag(line([200, 50], [200, 250], 20), { alt: true });
    expect(h.commands.map((c) => c.name)).toEqual(['shape/update']);
    const cut = geometryOf(h, 'l');
    if (cut.type !== 'multiPolygon') throw new Error(`expected a multiPolygon, got ${cut.type}`);
    expect(cut.polygons).toHaveLength(2);
    // A straight stroke cuts a band as wide as the tip out of a 40,000 px² lesion.
    expect(geometryArea(cut)).toBeCloseTo(40_000 - 32 * 100, 6);
    h.editor.undo();
    expect(geometryOf(h, 'l').type).toBe('polygon');
  });

  it('Alt-dabbed inside an outline, leaves a hole', () => {
    const h = harness([[0, 0], [400, 0], [400, 400], [0, 400]]);
    h.click([200, 200], { alt: true });
    const holed = geometryOf(h, 'l');
    if (holed.type !== 'polygon') throw new Error(`expected a polygon, got ${holed.type}`);
    expect(holed.holes).toHaveLength(1);
    // The tip is a polygon inscribed in its circle, within half a screen px of it.
    const hole = 160_000 - geometryArea(holed);
    expect(hole).toBeLessThanOrEqual(Math.PI * 16 ** 2);
    expect(hole).toBeGreaterThan(Math.PI * 15.5 ** 2);
    // Vertices are kept to 0.01 px.
    for (const [x, y] of holed.holes![0]!) expect([Math.round(x * 100) / 100, Math.round(y * 100) / 100]).toEqual([x, y]);
  });

  it('without Alt, grows the selected outline by the stroke', () => {
    const h = harness();
    h.drag(line([390, 150], [600, 150], 30));
    const grown = geometryOf(h, 'l');
    expect(grown.type).toBe('polygon');
    expect(geometryBounds(grown).maxX).toBeCloseTo(616, 0);
    expect(geometryArea(grown)).toBeGreaterThan(40_000 + 200 * 32 - 100);
  });

  it('erasing all of an outline removes it', () => {
    const h = harness([[100, 100], [110, 100], [110, 110], [100, 110]]);
    h.click([105, 105], { alt: true });
    expect(h.commands).toEqual([{ name: 'shape/remove', params: { id: 'l' } }]);
    expect(h.editor.store.get('l')).toBeUndefined();
  });

  it('with nothing selected, paints a new outline of the current class, cut to the image', () => {
    const h = harness(undefined, []);
    h.classCode = 'lesion.adenoma';
    h.drag(line([-50, 500], [100, 500], 15));
    expect(h.shapes).toHaveLength(2);
    const painted = h.shapes.find((s) => s.id !== 'l')!;
    expect(painted.classCode).toBe('lesion.adenoma');
    expect(geometryBounds(painted.geometry).minX).toBe(0);
    // An Alt stroke with nothing to cut from does nothing.
    h.click([700, 700], { alt: true });
    expect(h.commands).toHaveLength(1);
  });

  it('keeps its tip the same on screen: [ and ] resize it, the zoom scales it to image px', () => {
    const h = harness();
    h.imagePxPerScreenPx = 2;
    h.move([300, 300]);
    expect(h.preview).toEqual({ brush: { center: [300, 300], radius: 32, mode: 'add' } });
    h.key(']');
    h.move([300, 300], { alt: true });
    expect(h.preview?.brush).toEqual({ center: [300, 300], radius: 2 * BRUSH_RADIUS.initial * BRUSH_RADIUS.factor, mode: 'subtract' });
    for (let i = 0; i < 40; i += 1) h.key('[');
    expect(h.preview?.brush?.radius).toBe(2 * BRUSH_RADIUS.min);
  });

  it('previews the stroke while painting, and Escape drops it', () => {
    const h = harness();
    h.down([200, 150], { alt: true });
    h.move([200, 300], { alt: true }, true);
    expect(h.preview?.geometry?.type).toBe('polygon');
    h.key('Escape');
    h.up([200, 300], { alt: true });
    expect(h.commands).toEqual([]);
  });
});
