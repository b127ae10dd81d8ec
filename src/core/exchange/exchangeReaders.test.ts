/**
 * Our COCO and frame CSV exports read by readers we did not write. pycocotools is not packaged by
 * Debian (bookworm has no python3-pycocotools) and CI installs from Debian only, so the COCO file
 * is read with Python's json module and checked against the published structure the way
 * pycocotools indexes it (readExports.py): ids, references, bbox and polygon forms, each
 * polygon's shoelace area and each RLE mask's decoded pixels against `area` and `bbox`. The CSV
 * is read with Python's csv module (RFC 4180).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordStore } from '../recordStore';
import { FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, FRAME_TEST_RECORDS } from '../testing/frameSetDocument';
import { DOC_KEY } from '../testing/records';
import { exportCoco } from './cocoExport';
import { exportFrameLabelsCsv, FRAME_LABEL_CSV_COLUMNS } from './frameLabelsCsv';

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'readExports.py');
const hasPython = !spawnSync('python3', ['--version']).error;
if (!hasPython) console.warn('python3 not found: our COCO and CSV exports were not read by Python’s readers');

const dir = mkdtempSync(join(tmpdir(), 'mejirushi-coco-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python<T>(kind: 'coco' | 'csv', name: string, text: string): T {
  const path = join(dir, name);
  writeFileSync(path, text);
  return JSON.parse(execFileSync('python3', [SCRIPT, kind, path], { encoding: 'utf8' })) as T;
}

interface CocoSeen {
  errors: string[];
  images: number;
  categories: number;
  annotations: number;
  annotationsPerImage: Record<string, number>;
  areas: Record<string, { area: number; polygonArea?: number; rleArea?: number; rleBbox?: number[]; bbox?: number[] }>;
}

const doc = new RecordStore({ ...DOC_KEY, itemId: FRAME_TEST_ITEM.id }, FRAME_TEST_RECORDS);

describe.runIf(hasPython)('Python reads our frame-set exports', () => {
  it('reads the COCO file as valid COCO: every id, reference, box and polygon well formed, areas as their polygons say', () => {
    const { file } = exportCoco(doc, FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, '2026-12-01T09:00:00.000Z');
    const seen = python<CocoSeen>('coco', 'frames.json', JSON.stringify(file));
    expect(seen.errors).toEqual([]);
    expect([seen.images, seen.categories, seen.annotations]).toEqual([4, 5, 6]);
    // Box on frame 1, holed polygon on 2, two-part polygon and a mask on 3, ellipse and a proposal on 4.
    expect(seen.annotationsPerImage).toEqual({ '1': 1, '2': 1, '3': 2, '4': 2 });
    const { '1': box, '2': holed, '3': parts, '4': mask, '5': oval, '6': proposal } = seen.areas;
    for (const plain of [box!, parts!, proposal!]) expect(plain.area).toBeCloseTo(plain.polygonArea!, 9);
    // The mask's pixels decoded in COCO's column-major order: its count and box are the ones we wrote.
    expect(mask).toEqual({ area: 6, rleArea: 6, rleBbox: [10, 5, 2, 3], bbox: [10, 5, 2, 3] });
    // COCO polygons have no holes: the hole (50 × 50) is in our extension and cut out of `area`.
    expect(holed!.polygonArea! - holed!.area).toBeCloseTo(2_500, 9);
    // The exact ellipse's area against its 128-vertex polygon's: within 0.1 %.
    expect(Math.abs(oval!.polygonArea! - oval!.area) / oval!.area).toBeLessThan(0.001);
  });

  it('reads the CSV into the rows and fields we wrote, quoted fields whole', () => {
    const rows = python<string[][]>('csv', 'frames.csv', exportFrameLabelsCsv(doc, FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET));
    expect(rows[0]).toEqual([...FRAME_LABEL_CSV_COLUMNS]);
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.length === FRAME_LABEL_CSV_COLUMNS.length)).toBe(true);
    const range = rows.find((row) => row[6] === 'extent')!;
    expect(range.slice(0, 9)).toEqual(['2', '4', '1', '3', 'frame-2', 'frame-4', 'extent', 'extent.active', 'extent.active']);
    expect(rows.find((row) => row[6] === 'findings')![7]).toBe('findings.blood;findings.mucus');
  });
});
