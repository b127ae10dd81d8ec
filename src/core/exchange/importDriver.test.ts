import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { slideItem, testEditor } from '../testing/records';
import { matchClasses } from './classMatch';
import type { ImportedOutline } from './geojsonImport';
import { driveImport } from './importDriver';
import { planShapes } from './importPlan';
import type { ImportResponse } from './messages';

const SLIDE = { width: 100_000, height: 80_000 };
const LESION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!;
const encode = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** `count` octagons in a grid, as QuPath 0.5 writes them (with measurements), every 7th a "Tumor". */
function qupathFile(count: number): string {
  const features = Array.from({ length: count }, (_, i) => {
    const cx = 50 + (i % 900) * 110;
    const cy = 50 + Math.floor(i / 900) * 110;
    const ring = Array.from({ length: 8 }, (_, k) => [cx + 40 * Math.cos((k * Math.PI) / 4), cy + 40 * Math.sin((k * Math.PI) / 4)]);
    return {
      type: 'Feature',
      id: `f${i}`,
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
      properties: {
        objectType: 'annotation',
        classification: i % 7 === 0 ? { name: 'Tumor', color: [200, 0, 0] } : { name: 'Carcinoma', color: [214, 39, 40] },
        measurements: { 'Area µm^2': 1_131.4, Perimeter: 121.2 },
      },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

async function drive(bytes: ArrayBuffer, chunkSize?: number, cancelAfter = Infinity) {
  const messages: ImportResponse[] = [];
  let pauses = 0;
  await driveImport(bytes, SLIDE, chunkSize, {
    post: (m) => messages.push(m),
    pause: async () => {
      pauses += 1;
    },
    cancelled: () => pauses >= cancelAfter,
  });
  return messages;
}

describe('the import worker’s work (driveImport)', () => {
  it('reads 100,000 features with progress, and they enter the document as one diff and one undo step', async () => {
    const messages = await drive(encode(qupathFile(100_000)), 5_000);

    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress).toHaveLength(20);
    expect(progress.map((m) => m.type === 'progress' && m.total)).toEqual(Array(20).fill(100_000));
    expect(progress.map((m) => m.type === 'progress' && m.done)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 5_000));
    const last = messages[messages.length - 1]!;
    if (last.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(last)}`);
    expect(last.report).toEqual({
      features: 100_000,
      outlines: 100_000,
      classes: [{ name: 'Tumor', count: 14_286 }, { name: 'Carcinoma', count: 85_714 }],
      skipped: {},
      simplified: 0,
    });

    // The unknown "Tumor" is mapped to carcinoma by the user; then one command adds everything.
    const choices = matchClasses(LESION, last.report.classes);
    expect(choices.map((c) => c.code)).toEqual([null, 'lesion.carcinoma']);
    const chunks: (readonly ImportedOutline[])[] = messages.flatMap((m) => (m.type === 'outlines' ? [m.outlines] : []));
    const plan = planShapes(chunks, new Map([['Tumor', 'lesion.carcinoma'], ['Carcinoma', 'lesion.carcinoma']]));
    expect(plan.shapes).toHaveLength(100_000);

    const { editor, events } = testEditor([], { labelSet: GASTRIC_BIOPSY_LABEL_SET, item: slideItem(SLIDE.width, SLIDE.height) });
    editor.execute('shape/addMany', { targetId: 'slide-1', shapes: plan.shapes });
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0]!.diff)).toHaveLength(100_000);
    expect(editor.store.size).toBe(100_000);
    expect(editor.store.recordsIn('slide-1', { minX: 0, minY: 0, maxX: 100, maxY: 100 })).toHaveLength(1);
    editor.undo();
    expect(editor.store.size).toBe(0);
    expect(editor.canUndo).toBe(false);
  });

  it('stops at the next step when cancelled, saying so last', async () => {
    const messages = await drive(encode(qupathFile(50)), 10, 2);
    expect(messages.filter((m) => m.type === 'progress')).toHaveLength(2);
    expect(messages[messages.length - 1]).toEqual({ type: 'cancelled' });
    expect(messages.some((m) => m.type === 'done')).toBe(false);
  });

  it('answers a refusal as its last message: bytes that are not UTF-8, a file of another slide', async () => {
    expect(await drive(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]).buffer)).toEqual([{ type: 'refused', refusal: { kind: 'notJson', detail: 'not UTF-8 text' } }]);
    const outside = await drive(encode(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [200_000, 5] }, properties: {} })));
    expect(outside[outside.length - 1]).toMatchObject({ type: 'refused', refusal: { kind: 'outsideSlide', count: 1 } });
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(qupathFile(3))]);
    const messages = await drive(bom.buffer);
    expect(messages[messages.length - 1]).toMatchObject({ type: 'done', report: { outlines: 3 } });
  });
});
