import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../annotation';
import { isLive } from '../annotation';
import { RecordStore } from '../recordStore';
import { FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, FRAME_TEST_LABELS, FRAME_TEST_REGIONS, FRAME_TEST_RECORDS } from '../testing/frameSetDocument';
import { DOC_KEY, humanProvenance, labelRecord } from '../testing/records';
import { exportCoco } from './cocoExport';
import { importCoco, type CocoImportContext } from './cocoImport';

const IMPORTER = humanProvenance('importer', '2026-12-01T10:00:00.000Z');

function context(): CocoImportContext {
  let ids = 0;
  return { item: FRAME_TEST_ITEM, labelSet: FRAME_TEST_LABEL_SET, provenance: IMPORTER, newId: () => `imported-${++ids}` };
}

const exported = () => {
  const doc = new RecordStore({ ...DOC_KEY, itemId: FRAME_TEST_ITEM.id }, FRAME_TEST_RECORDS);
  return exportCoco(doc, FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, '2026-12-01T09:00:00.000Z').file;
};

/** A record without what an import gives anew: the ids of outlines, provenance. */
const body = (record: AnnotationRecord): Partial<AnnotationRecord> => {
  const { id, provenance, ...rest } = record;
  return record.type === 'label' ? { id, ...rest } : rest;
};

const imported = (file: unknown) => {
  const outcome = importCoco(JSON.stringify(file), context());
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.kind}`);
  return outcome;
};

const frame = (id: number, fileName: string, width = 640, height = 480) => ({ id, width, height, file_name: fileName });
const ULCER = { id: 1, name: 'Ulcer', supercategory: 'lesion' };

describe('importCoco', () => {
  it('reads back every record the export wrote: same answers, ranges, outlines and shapes, new ids for outlines, the importer’s provenance', () => {
    const { records, issues } = imported(exported());
    expect(issues).toEqual([]);
    const written = [...FRAME_TEST_LABELS, ...FRAME_TEST_REGIONS].filter(isLive);
    expect(records).toHaveLength(written.length);
    expect(records.map(body)).toEqual(expect.arrayContaining(written.map(body)));
    expect(records.every((r) => r.provenance === IMPORTER)).toBe(true);
    // Labels keep the id every device gives them, so an import meets an existing answer as a conflict, not a duplicate.
    expect(records.filter((r) => r.type === 'label').map((r) => r.id)).toContain('label:extent:frame-2');
  });

  it('reads a per-frame question’s range back as one record, not as the attributes it also wrote on each frame', () => {
    const siteRun = { ...labelRecord('frame-2', ['site.sigmoid'], humanProvenance(), 'site'), endTargetId: 'frame-4' };
    const doc = new RecordStore({ ...DOC_KEY, itemId: FRAME_TEST_ITEM.id }, [...FRAME_TEST_RECORDS, siteRun]);
    const { records, issues } = imported(exportCoco(doc, FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, '2026-12-01T09:00:00.000Z').file);
    expect(issues).toEqual([]);
    expect(records.filter((r) => r.questionId === 'site').map(body)).toEqual([body(labelRecord('frame-1', ['site.rectum'], humanProvenance(), 'site')), body(siteRun)]);
  });

  it('leaves out what it cannot take, one issue each saying where and why, and keeps everything else', () => {
    const file = {
      images: [
        { ...frame(1, 'frame-1'), attributes: { mayo: 'mayo.1', nonsense: 'x', site: 'mayo.2', findings: 42 } },
        frame(2, 'IMG_0001.JPG'),
        frame(3, 'frame-3', 320, 240),
        frame(4, 'frame-4'),
      ],
      categories: [ULCER, { id: 2, name: 'Tumour', supercategory: 'lesion' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], segmentation: [], area: 12, iscrowd: 0 },
        { id: 2, image_id: 2, category_id: 1, bbox: [1, 2, 3, 4], iscrowd: 0 },
        { id: 3, image_id: 99, category_id: 1, bbox: [1, 2, 3, 4], iscrowd: 0 },
        { id: 4, image_id: 1, category_id: 2, bbox: [1, 2, 3, 4], iscrowd: 0 },
        { id: 5, image_id: 1, category_id: 1, bbox: [1, 2, -3, 4], iscrowd: 0 },
        { id: 6, image_id: 1, category_id: 1, bbox: [1, 2], segmentation: [[0, 0, 10, 0, 10, 10]], iscrowd: 0 },
        { id: 7, image_id: 1, category_id: 1, segmentation: [[0, 0, 10, 0, 10]], iscrowd: 0 },
        { id: 8, image_id: 1, category_id: 1, segmentation: { counts: [0, 4], size: [480, 640] }, iscrowd: 1 },
        { id: 9, image_id: 1, category_id: 1, segmentation: [[0, 0, 20, 20, 20, 0, 0, 20]], iscrowd: 0 },
        { id: 10, image_id: 1, category_id: 1, segmentation: [[600, 400, 700, 400, 700, 470]], iscrowd: 0 },
        { id: 11, image_id: 3, category_id: 1, segmentation: [[5, 5, 25, 5, 25, 25, 5, 25]], bbox: [5, 5, 20, 20], area: 400, iscrowd: 0 },
      ],
      mejirushi: {
        frameRanges: [
          { question: 'extent', answer: 'extent.healed', first_image_id: 3, last_image_id: 4 },
          { question: 'extent', answer: 'extent.active', first_image_id: 2, last_image_id: 4 },
          { question: 'findings', answer: ['findings.blood'], first_image_id: 3, last_image_id: 4 },
        ],
      },
    };
    const { records, issues } = imported(file);
    expect(issues.map((i) => [i.at, i.kind])).toEqual([
      ['images[0].attributes.nonsense', 'unknownQuestion'],
      ['images[0].attributes.site', 'invalidRecord'],
      ['images[0].attributes.findings', 'badAnswer'],
      ['images[1]', 'unknownTarget'],
      ['annotations[1]', 'unknownImage'],
      ['annotations[2]', 'unknownImage'],
      ['annotations[3]', 'unknownCategory'],
      ['annotations[4]', 'badBbox'],
      ['annotations[5]', 'badBbox'],
      ['annotations[6]', 'badSegmentation'],
      ['annotations[7]', 'badSegmentation'],
      ['annotations[8]', 'badSegmentation'],
      ['annotations[9]', 'invalidRecord'],
      ['mejirushi.frameRanges[1]', 'unknownImage'],
      ['mejirushi.frameRanges[2]', 'invalidRecord'],
    ]);
    expect(issues.find((i) => i.at === 'images[1]')?.detail).toBe('file_name "IMG_0001.JPG" names no frame of this item');
    expect(issues.find((i) => i.at === 'annotations[6]')?.detail).toBe('segmentation[0] has an odd count of coordinates (5)');
    expect(issues.find((i) => i.at === 'annotations[7]')?.detail).toBe('RLE counts cover 4 pixels, size 480×640 has 307200');
    expect(issues.find((i) => i.at === 'annotations[8]')?.detail).toBe('the outline is not simple (ringCrossesItself)');
    expect(issues.find((i) => i.at === 'annotations[9]')?.detail).toContain('(700, 400) lies outside the 640×480 image');
    expect(issues.find((i) => i.at === 'images[0].attributes.site')?.detail).toBe('classCodes[0]: unknown class "mayo.2" in question "site"');
    expect(records.map(body)).toEqual([
      body({ type: 'label', id: 'label:mayo:frame-1', questionId: 'mayo', targetId: 'frame-1', classCodes: ['mayo.1'], provenance: IMPORTER }),
      body({ type: 'shape', id: '', questionId: 'lesion', targetId: 'frame-1', classCode: 'lesion.ulcer', geometry: { type: 'rectangle', topLeft: [1, 2], bottomRight: [4, 6] }, provenance: IMPORTER }),
      body({ type: 'shape', id: '', questionId: 'lesion', targetId: 'frame-3', classCode: 'lesion.ulcer', geometry: { type: 'polygon', points: [[5, 5], [25, 5], [25, 25], [5, 25]] }, provenance: IMPORTER }),
      body({ type: 'label', id: 'label:extent:frame-3', questionId: 'extent', targetId: 'frame-3', endTargetId: 'frame-4', classCodes: ['extent.healed'], provenance: IMPORTER }),
    ]);
  });

  it('refuses an image whose size is not its frame’s, and the outlines on it with it', () => {
    const { records, issues } = imported({
      images: [frame(3, 'frame-3', 640, 480)],
      categories: [ULCER],
      annotations: [{ id: 1, image_id: 3, category_id: 1, bbox: [1, 1, 5, 5], iscrowd: 0 }],
    });
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { at: 'images[0]', kind: 'sizeMismatch', detail: 'image is 640×480 px, frame frame-3 is 320×240 px' },
      { at: 'annotations[0]', kind: 'unknownImage', detail: 'image_id 3 is no image of this file that matches a frame' },
    ]);
  });

  it('reads another tool’s file: closed rings, categories by name when the supercategory names no question, Japanese names', () => {
    const { records, issues } = imported({
      images: [frame(10, 'frame-1')],
      categories: [
        { id: 7, name: 'ulcer', supercategory: 'object' },
        { id: 8, name: 'びらん', supercategory: '' },
      ],
      annotations: [
        { id: 1, image_id: 10, category_id: 7, segmentation: [[0, 0, 10, 0, 10, 10, 0, 0]], bbox: [0, 0, 10, 10], area: 50, iscrowd: 0 },
        { id: 2, image_id: 10, category_id: 8, segmentation: [[0, 0, 10, 0, 10, 10], [20, 20, 30, 20, 30, 30]], area: 100, iscrowd: 0 },
      ],
    });
    expect(issues).toEqual([]);
    expect(records.map((r) => (r.type === 'shape' ? [r.classCode, r.geometry] : null))).toEqual([
      ['lesion.ulcer', { type: 'polygon', points: [[0, 0], [10, 0], [10, 10]] }],
      ['lesion.erosion', { type: 'multiPolygon', polygons: [{ points: [[0, 0], [10, 0], [10, 10]] }, { points: [[20, 20], [30, 20], [30, 30]] }] }],
    ]);
  });

  it('matches our own category by its class code before its name, so a renamed class still reads', () => {
    const { records, issues } = imported({
      images: [frame(10, 'frame-1')],
      categories: [{ id: 7, name: 'Ulcer (renamed since)', supercategory: 'lesion', code: 'lesion.ulcer' }],
      annotations: [{ id: 1, image_id: 10, category_id: 7, bbox: [0, 0, 10, 10], iscrowd: 0 }],
    });
    expect(issues).toEqual([]);
    expect(records.map((r) => (r.type === 'shape' ? r.classCode : null))).toEqual(['lesion.ulcer']);
  });

  it('takes one answer per question and target: a second one is an issue, not a silent overwrite', () => {
    const { records, issues } = imported({
      images: [{ ...frame(1, 'frame-1'), attributes: { mayo: 'mayo.1' } }, { ...frame(2, 'frame-1'), attributes: { mayo: 'mayo.2' } }],
    });
    expect(records.map((r) => (r.type === 'label' ? r.classCodes : []))).toEqual([['mayo.1']]);
    expect(issues).toEqual([{ at: 'images[1].attributes.mayo', kind: 'duplicate', detail: 'answers mayo a second time on frame-1' }]);
  });

  it('reads an uncompressed RLE mask as a labelmap of its class, one per class and frame, the size of its frame', () => {
    const rle = (height: number, width: number) => ({ counts: [5, 2, height * width - 7], size: [height, width] });
    const { records, issues } = imported({
      images: [frame(1, 'frame-1'), frame(3, 'frame-3', 320, 240)],
      categories: [ULCER],
      annotations: [
        { id: 1, image_id: 3, category_id: 1, segmentation: rle(240, 320), area: 2, bbox: [0, 5, 1, 2], iscrowd: 1 },
        { id: 2, image_id: 3, category_id: 1, segmentation: rle(240, 320), area: 2, bbox: [0, 5, 1, 2], iscrowd: 1 },
        { id: 3, image_id: 1, category_id: 1, segmentation: rle(240, 320), area: 2, bbox: [0, 5, 1, 2], iscrowd: 1 },
      ],
    });
    // Column 0, rows 5 and 6, read back row by row.
    expect(records).toEqual([
      { type: 'mask', id: 'mask:lesion:frame-3:lesion.ulcer', questionId: 'lesion', targetId: 'frame-3', classCode: 'lesion.ulcer', width: 320, height: 240, runs: [5 * 320, 1, 319, 1, 240 * 320 - 6 * 320 - 1], provenance: IMPORTER },
    ]);
    expect(issues).toEqual([
      { at: 'annotations[1]', kind: 'duplicate', detail: 'is a second lesion.ulcer mask on frame-3' },
      { at: 'annotations[2]', kind: 'invalidRecord', detail: 'width: a mask is the size of its image, 640×480; got 320×240' },
    ]);
  });

  it('refuses a file that is not JSON or has no images list', () => {
    expect(importCoco('{"images": [', context())).toMatchObject({ ok: false, refusal: { kind: 'notJson' } });
    expect(importCoco('{"type": "FeatureCollection", "features": []}', context())).toEqual({ ok: false, refusal: { kind: 'notCoco' } });
    expect(importCoco('[]', context())).toEqual({ ok: false, refusal: { kind: 'notCoco' } });
  });
});
