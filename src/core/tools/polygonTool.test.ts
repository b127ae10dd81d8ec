import { describe, expect, it } from 'vitest';
import { ToolHarness } from '../testing/toolHarness';
import { polygonTool } from './polygonTool';

const FIVE = [[100, 100], [300, 120], [350, 300], [200, 380], [90, 250]] as const;

describe('the polygon tool', () => {
  it('5 clicks and a double-click on the last make exactly one shape/add with 5 vertices', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of FIVE.slice(0, 4)) h.click(p);
    h.doubleClick(FIVE[4]);
    expect(h.commands).toEqual([
      { name: 'shape/add', params: { questionId: 'lesion', targetId: 'slide-1', classCode: 'lesion.carcinoma', geometry: { type: 'polygon', points: FIVE } } },
    ]);
    expect(h.shapes).toHaveLength(1);
    expect(h.state).toEqual(polygonTool.initial());
    h.editor.undo();
    expect(h.shapes).toHaveLength(0);
  });

  it('a polygon clicked across itself (a bow tie) is added repaired: two parts meeting at a point', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of [[100, 100], [300, 300], [300, 100]] as const) h.click(p);
    h.doubleClick([100, 400]);
    expect(h.shapes.map((s) => s.geometry)).toEqual([
      {
        type: 'multiPolygon',
        polygons: [{ points: [[100, 100], [220, 220], [100, 400]] }, { points: [[220, 220], [300, 100], [300, 300]] }],
      },
    ]);
  });

  it('keeps the small part of a bow tie where it shows as a region on screen, and drops it zoomed out to a few screen px²', () => {
    // The parts: (100,100) (122.5,122.5) (100,160), 675 px²; (122.5,122.5) (130,130) (130,110), 75 px² (11 %).
    const clicks = [[100, 100], [130, 130], [130, 110]] as const;
    const draw = (imagePxPerScreenPx: number) => {
      const h = new ToolHarness(polygonTool, { imagePxPerScreenPx });
      for (const p of clicks) h.click(p);
      h.doubleClick([100, 160]);
      return h.shapes.map((s) => s.geometry);
    };
    expect(draw(1)).toEqual([
      {
        type: 'multiPolygon',
        polygons: [{ points: [[100, 100], [122.5, 122.5], [100, 160]] }, { points: [[122.5, 122.5], [130, 110], [130, 130]] }],
      },
    ]);
    // 2.5 image px per screen px: the small part is 12 screen px², under the 16 of a slip.
    expect(draw(2.5)).toEqual([{ type: 'polygon', points: [[100, 100], [122.5, 122.5], [100, 160]] }]);
  });

  it('closes on Enter, or on a click on the first vertex', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of FIVE.slice(0, 3)) h.click(p);
    h.key('Enter');
    for (const p of FIVE) h.click(p);
    h.click([102, 103]);
    expect(h.commands.map((c) => c.name === 'shape/add' && c.params.geometry)).toEqual([
      { type: 'polygon', points: FIVE.slice(0, 3) },
      { type: 'polygon', points: FIVE },
    ]);
  });

  it('a double-click on the first vertex closes once and starts nothing new', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of FIVE.slice(0, 3)) h.click(p);
    h.doubleClick([101, 101]);
    expect(h.commands).toHaveLength(1);
    expect(h.preview).toBeNull();
    h.key('Enter');
    expect(h.shapes.map((s) => s.geometry)).toEqual([{ type: 'polygon', points: FIVE.slice(0, 3) }]);
  });

  it('Escape mid-way drops the outline: no command at all', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of FIVE.slice(0, 3)) h.click(p);
    h.key('Escape');
    h.key('Enter');
    expect(h.commands).toEqual([]);
    expect(h.preview).toBeNull();
  });

  it('Backspace takes back the last vertex', () => {
    const h = new ToolHarness(polygonTool);
    for (const p of FIVE) h.click(p);
    h.key('Backspace');
    h.key('Enter');
    expect(h.commands).toHaveLength(1);
    expect(h.shapes[0]!.geometry).toEqual({ type: 'polygon', points: FIVE.slice(0, 4) });
  });

  it('makes nothing of two vertices, or of three in a line', () => {
    const h = new ToolHarness(polygonTool);
    h.click([10, 10]);
    h.doubleClick([50, 10]);
    h.key('Enter');
    for (const p of [[0, 0], [10, 10], [20, 20]] as const) h.click(p);
    h.key('Enter');
    expect(h.commands).toEqual([]);
  });

  it('keeps vertices inside the image, rounded to 0.01 px, and previews the edge to the pointer', () => {
    const h = new ToolHarness(polygonTool, { imageSize: { width: 1000, height: 800 } });
    h.click([-20, 10.123456]);
    h.click([1200, 50]);
    h.move([500.5, 900]);
    expect(h.preview).toEqual({ geometry: { type: 'polyline', points: [[0, 10.12], [1000, 50], [500.5, 800]] }, handles: [[0, 10.12], [1000, 50]] });
    h.click([500.5, 900]);
    h.key('Enter');
    expect(h.shapes[0]!.geometry).toEqual({ type: 'polygon', points: [[0, 10.12], [1000, 50], [500.5, 800]] });
  });

  it('measures the vertex tolerance on screen: zoomed out, nearby clicks merge', () => {
    const h = new ToolHarness(polygonTool, { imagePxPerScreenPx: 16 });
    h.click([1000, 1000]);
    h.click([1050, 1000]);
    expect(h.preview?.handles).toEqual([[1000, 1000]]);
  });
});
