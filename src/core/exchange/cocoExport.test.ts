import { describe, expect, it } from 'vitest';
import { RecordStore } from '../recordStore';
import { FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, FRAME_TEST_RECORDS } from '../testing/frameSetDocument';
import { DOC_KEY, humanProvenance, labelRecord } from '../testing/records';
import { cocoFileName, exportCoco } from './cocoExport';

const NOW = '2026-12-01T09:00:00.000Z';
const doc = (records = FRAME_TEST_RECORDS) => new RecordStore({ ...DOC_KEY, itemId: FRAME_TEST_ITEM.id, labelSetId: 'uc-endoscopy', labelSetVersion: 2 }, records);

describe('exportCoco', () => {
  const { file, left } = exportCoco(doc(), FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, NOW);

  it('writes COCO’s top-level keys, an info block naming the label set, and no licence it cannot name', () => {
    expect(Object.keys(file)).toEqual(['info', 'licenses', 'images', 'annotations', 'categories', 'mejirushi']);
    expect(file.info).toEqual({
      year: 2026,
      version: 'uc-endoscopy@2',
      description: 'Mejirushi annotations (label set uc-endoscopy, version 2)',
      contributor: 'Mejirushi',
      url: '',
      date_created: NOW,
    });
    expect(file.licenses).toEqual([]);
  });

  it('writes one image per frame in frame order, named by its target id, with the frame’s own answers as attributes', () => {
    expect(file.images).toEqual([
      { id: 1, width: 640, height: 480, file_name: 'frame-1', attributes: { mayo: 'mayo.2', site: 'site.rectum', findings: ['findings.blood', 'findings.mucus'] } },
      // A model's accepted answer is an answer like any other.
      { id: 2, width: 640, height: 480, file_name: 'frame-2', attributes: { mayo: 'mayo.3' } },
      { id: 3, width: 320, height: 240, file_name: 'frame-3' },
      { id: 4, width: 640, height: 480, file_name: 'frame-4' },
    ]);
  });

  it('writes frame ranges by their first and last image, and whole-item answers, in its own object', () => {
    expect(file.mejirushi).toEqual({
      labelSet: { id: 'uc-endoscopy', version: 2 },
      frameRanges: [{ question: 'extent', answer: 'extent.active', first_image_id: 2, last_image_id: 4 }],
      itemAnswers: { quality: 'quality.good' },
    });
  });

  it('writes a per-frame question’s range as the attribute of every frame it covers, and as a frame range', () => {
    const siteRun = { ...labelRecord('frame-2', ['site.sigmoid'], humanProvenance(), 'site'), endTargetId: 'frame-3' };
    const ranged = exportCoco(doc([...FRAME_TEST_RECORDS, siteRun]), FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, NOW).file;
    expect(ranged.images.map((image) => image.attributes?.site ?? null)).toEqual(['site.rectum', 'site.sigmoid', 'site.sigmoid', null]);
    expect(ranged.mejirushi?.frameRanges).toContainEqual({ question: 'site', answer: 'site.sigmoid', first_image_id: 2, last_image_id: 3 });
  });

  it('makes one category per class of each region question, the question as supercategory, with the class code', () => {
    expect(file.categories).toEqual([
      { id: 1, name: 'Ulcer', supercategory: 'lesion', code: 'lesion.ulcer' },
      { id: 2, name: 'Erosion', supercategory: 'lesion', code: 'lesion.erosion' },
      { id: 3, name: 'Spontaneous bleeding', supercategory: 'lesion', code: 'lesion.bleeding' },
      { id: 4, name: 'Polyp or pseudopolyp', supercategory: 'lesion', code: 'lesion.polyp' },
      { id: 5, name: 'Other lesion', supercategory: 'lesion', code: 'lesion.other' },
    ]);
  });

  it('carries a class\'s standard code into its category', () => {
    const coding = { scheme: 'SCT', code: '429047008', meaning: 'Ulcer of large intestine' };
    const coded = {
      ...FRAME_TEST_LABEL_SET,
      questions: FRAME_TEST_LABEL_SET.questions.map((q) => ({ ...q, classes: q.classes.map((c) => (c.code === 'lesion.ulcer' ? { ...c, coding } : c)) })),
    };
    const categories = exportCoco(doc(FRAME_TEST_RECORDS), FRAME_TEST_ITEM, coded, NOW).file.categories;
    expect(categories[0]).toEqual({ id: 1, name: 'Ulcer', supercategory: 'lesion', code: 'lesion.ulcer', coding });
    expect(categories[1]).not.toHaveProperty('coding');
  });

  it('writes boxes as [x, y, w, h] with their corners as the polygon, and cuts holes out of the area', () => {
    const [box, holed] = file.annotations;
    expect(box).toEqual({
      id: 1,
      image_id: 1,
      category_id: 1,
      segmentation: [[10, 20, 110, 20, 110, 70, 10, 70]],
      area: 5_000,
      bbox: [10, 20, 100, 50],
      iscrowd: 0,
      mejirushi: { shape: 'rectangle' },
    });
    expect(holed).toEqual({
      id: 2,
      image_id: 2,
      category_id: 2,
      segmentation: [[100, 100, 300, 100, 300, 300, 100, 300]],
      area: 200 * 200 - 50 * 50,
      bbox: [100, 100, 200, 200],
      iscrowd: 0,
      mejirushi: { holes: [[[150, 150, 150, 200, 200, 200, 200, 150]]] },
    });
  });

  it('writes a multi-part outline as several polygons of one annotation, an ellipse as a polygon with the exact ellipse beside it', () => {
    const parts = file.annotations[2]!;
    expect(parts).toMatchObject({ image_id: 3, category_id: 4, segmentation: [[10, 10, 50, 10, 30, 40], [200, 100, 300, 100, 300, 200, 200, 200]], area: 600 + 10_000, bbox: [10, 10, 290, 190] });
    expect(parts.mejirushi).toBeUndefined();
    const oval = file.annotations[4]!;
    expect(oval.area).toBeCloseTo(Math.PI * 100 * 50, 9);
    expect(oval.iscrowd === 0 && oval.segmentation[0]).toHaveLength(2 * 128);
    expect(oval.mejirushi).toEqual({ shape: 'ellipse', ellipse: { center: [320, 240], radii: [100, 50], rotation: 0.5 } });
  });

  it('writes a mask as column-major RLE, a crowd of its class on the frame, with the box of its set pixels', () => {
    const mask = file.annotations[3]!;
    // Set pixels x 10–11, y 5–7 of 320×240: columns 10 and 11 each run 3 set pixels from row 5.
    const counts = [10 * 240 + 5, 3, 240 - 3, 3, 240 * 320 - (11 * 240 + 8)];
    expect(mask).toEqual({ id: 4, image_id: 3, category_id: 4, segmentation: { counts, size: [240, 320] }, area: 6, bbox: [10, 5, 2, 3], iscrowd: 1 });
  });

  it('carries a pending proposal’s provenance, and leaves out what COCO cannot hold, empty masks and rejected proposals', () => {
    expect(file.annotations).toHaveLength(6);
    expect(file.annotations[5]!.mejirushi?.provenance).toMatchObject({ origin: 'model', modelId: 'lesion-net', modelVersion: '2.0.0', decision: 'pending' });
    expect(left).toEqual({ point: 1, emptyMask: 1 });
  });

  it('counts an outline of a class the label set does not know as left out, and names the file after the item', () => {
    const stray = { ...FRAME_TEST_RECORDS.find((r) => r.id === 'box')!, id: 'stray', classCode: 'lesion.unknown' };
    expect(exportCoco(doc([stray]), FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, NOW).left).toEqual({ unknownClass: 1 });
    expect(cocoFileName('Colonoscopy 3/4')).toBe('Colonoscopy 3_4-coco.json');
  });
});
