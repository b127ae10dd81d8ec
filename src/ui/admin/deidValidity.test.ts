/**
 * Issue 11's validity check, over the bytes the upload screen sends (the page's side over the
 * worker's own logic, `__tests__/deidUploadFixtures.ts`): the real sample DICOMs, where present, and
 * the PHI corpus's generated files. Every de-identified file passes dciodvfy (dicom3tools) with no
 * error its input did not have, reads back in pydicom with every element, and keeps its Pixel Data
 * byte for byte; an image flagged for burned-in text whose boxes a person confirmed reads back with
 * those boxes black and every other pixel unchanged, and says Burned In Annotation NO.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../core/deid/policy';
import type { RedactionBox } from '../../core/deid/redactPixels';
import { JAPANESE_SERIES_DESCRIPTION, japaneseCtSlice } from '../../core/deid/testing/japaneseDicom';
import { pixelDicom } from '../../core/deid/testing/pixelDicom';
import { hasSampleData, sampleDataDir } from '../../../server/testing/sampleData';
import { check, DATES_AND_DESCRIPTORS, generatedFiles, sampleFiles, sent } from './__tests__/deidUploadFixtures';
import { deidentifiedSource, KEPT_FILES_BYTES } from './deidentifyUpload';
import { heldBytes } from './heldBytes';

const PYTHON = '/usr/bin/python3';
const hasDciodvfy = !spawnSync('dciodvfy', ['-version']).error;
const hasPydicom = spawnSync(PYTHON, ['-c', 'import pydicom, numpy']).status === 0;
const missing = [!hasDciodvfy && 'dciodvfy (Debian dicom3tools)', !hasPydicom && `pydicom and numpy for ${PYTHON} (Debian python3-pydicom)`].filter(Boolean);
if (missing.length > 0) console.log(`de-identified file validity did not run: ${missing.join(', ')} not installed`);
if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: validity checked on the generated corpus only`);

/**
 * For each path: read with pydicom, every element's value touched (sequences walked), then the
 * SHA-256 of the Pixel Data's bytes as stored, Burned In Annotation, and the stored pixel values
 * where asked (`--pixels` before the path) as a flat list.
 */
const READ_BACK = `
import hashlib, json, sys, pydicom
answers = []
pixels = False
for arg in sys.argv[1:]:
    if arg == '--pixels':
        pixels = True
        continue
    ds = pydicom.dcmread(arg)
    for element in ds.iterall():
        element.value
    data = ds.get((0x7FE0, 0x0010))
    answers.append({
        'pixelData': hashlib.sha256(data.value).hexdigest() if data is not None else None,
        'burnedIn': str(ds.get('BurnedInAnnotation', '')),
        'characterSet': str(ds.get('SpecificCharacterSet', '')),
        'patientName': str(ds.get('PatientName', '')),
        'seriesDescription': str(ds.get('SeriesDescription', '')),
        'shape': list(ds.pixel_array.shape) if pixels else None,
        'values': ds.pixel_array.ravel().tolist() if pixels else None,
    })
    pixels = False
print(json.dumps(answers))
`;

interface ReadBack {
  readonly pixelData: string | null;
  readonly burnedIn: string;
  readonly characterSet: string;
  readonly patientName: string;
  readonly seriesDescription: string;
  readonly shape: number[] | null;
  readonly values: number[] | null;
}

/** What pydicom reads of each file (`withPixels`: the stored pixel values too); throws with pydicom's error if one cannot be read. */
function readBack(paths: readonly string[], withPixels = false): ReadBack[] {
  const run = spawnSync(PYTHON, ['-c', READ_BACK, ...paths.flatMap((path) => (withPixels ? ['--pixels', path] : [path]))], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pydicom could not read them back: ${run.stderr}`);
  return JSON.parse(run.stdout) as ReadBack[];
}

/** dciodvfy's error lines for a file (it exits 0 even on errors, so its output is read). */
function dciodvfyErrors(path: string): string[] {
  const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('Error'));
}

const workDir = mkdtempSync(join(tmpdir(), 'mejirushi-deid-validity-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Writes the input and the de-identified file side by side; their paths. */
function written(name: string, input: Uint8Array, output: Uint8Array): { readonly input: string; readonly output: string } {
  const base = join(workDir, name.replaceAll('/', '_'));
  writeFileSync(`${base}.in.dcm`, input);
  writeFileSync(`${base}.out.dcm`, output);
  return { input: `${base}.in.dcm`, output: `${base}.out.dcm` };
}

/** Ultrasound images the check flags for burned-in text: 16-bit grey over 3 frames, and 8-bit RGB. */
function generatedUltrasound(): File[] {
  const mono = new Uint16Array(20 * 24 * 3).map((_, i) => 100 + ((i * 13) % 900));
  const rgb = new Uint8Array(20 * 24 * 3).map((_, i) => 30 + ((i * 7) % 200));
  return [
    new File([pixelDicom({ rows: 20, columns: 24, frames: 3, bitsAllocated: 16, modality: 'US', pixels: mono, patientName: 'YAMADA^TARO' })], 'us-mono16-3f.dcm'),
    new File([pixelDicom({ rows: 20, columns: 24, samplesPerPixel: 3, planarConfiguration: 0, photometric: 'RGB', modality: 'US', pixels: rgb, patientName: 'YAMADA^TARO' })], 'us-rgb8.dcm'),
  ];
}

/** Two slices as a Japanese hospital writes them (`\\ISO 2022 IR 87`, kanji by escape sequences). */
const japaneseFiles = () => [0, 1].map((index) => new File([japaneseCtSlice(index)], `japanese-${index}.dcm`));

const pickedFiles = () => [...(hasSampleData() ? sampleFiles() : []), ...generatedFiles(), ...japaneseFiles()];

describe.runIf(missing.length === 0)('a de-identified file as the upload sends it', () => {
  it.each([
    ['the basic profile', BASIC_PROFILE_ONLY],
    ['dates modified, descriptors cleaned', DATES_AND_DESCRIPTORS],
  ] satisfies [string, DeidOptions][])('passes dciodvfy with no new error, reads back in pydicom, and keeps its Pixel Data (%s)', async (label, options) => {
    const files = pickedFiles();
    const { checks, sources } = await check(files, options, KEPT_FILES_BYTES);
    const pairs: { readonly name: string; readonly input: string; readonly output: string }[] = [];
    for (const [index, file] of files.entries()) {
      const result = checks[index];
      if (result?.kind !== 'deidentified' || result.burnedIn) continue;
      const { bytes } = await sent(sources[index] ?? null);
      pairs.push({ name: file.name, ...written(`${label}-${file.name}`, new Uint8Array(await file.arrayBuffer()), bytes) });
    }
    // Every generated file, and where present every sample CT slice (series and syntaxes), was sent.
    expect(pairs.length).toBeGreaterThanOrEqual(hasSampleData() ? 53 : 12);

    for (const { name, input, output } of pairs) {
      const before = new Set(dciodvfyErrors(input));
      expect(dciodvfyErrors(output).filter((line) => !before.has(line)), name).toEqual([]);
    }

    const inputs = readBack(pairs.map((pair) => pair.input));
    const outputs = readBack(pairs.map((pair) => pair.output));
    for (const [at, { name }] of pairs.entries()) {
      expect(outputs[at]!.pixelData, name).not.toBeNull();
      expect(outputs[at]!.pixelData, name).toBe(inputs[at]!.pixelData);
    }
    // The Japanese files: read through ISO-2022-JP, sent in UTF-8, the names gone, a kept description readable.
    const japanese = pairs.flatMap((pair, at) => (pair.name.startsWith('japanese-') ? [outputs[at]!] : []));
    expect(japanese).toHaveLength(2);
    for (const file of japanese) {
      expect(file).toMatchObject({ characterSet: 'ISO_IR 192', patientName: '' });
      expect(file.seriesDescription).toBe(options.cleanDescriptors ? JAPANESE_SERIES_DESCRIPTION : '');
    }
  });

  it('blacks out exactly the confirmed boxes of a flagged image, every other pixel unchanged, Burned In Annotation NO', async () => {
    // The samples' compressed and palette-colour ultrasound images are refused at the check, with the reason.
    const files = [...pickedFiles(), ...generatedUltrasound()];
    const { client, checks } = await check(files, BASIC_PROFILE_ONLY, KEPT_FILES_BYTES);
    const box: RedactionBox = { x: 4, y: 3, width: 9, height: 5 };
    const redacted: { readonly name: string; readonly input: string; readonly output: string }[] = [];
    for (const [index, file] of files.entries()) {
      const result = checks[index];
      if (result?.kind !== 'deidentified' || !result.burnedIn) continue;
      const source = deidentifiedSource(client, heldBytes(), file, { reason: result.burnedIn.reason, boxes: [box] });
      const made = await sent(source);
      if (made) redacted.push({ name: file.name, ...written(`redacted-${file.name}`, new Uint8Array(await file.arrayBuffer()), made.bytes) });
    }
    expect(redacted.map(({ name }) => name).filter((name) => name.startsWith('us-'))).toEqual(['us-mono16-3f.dcm', 'us-rgb8.dcm']);
    if (hasSampleData()) expect(redacted.map(({ name }) => name)).toContain('radiology/dicom-singles/us_rgb_uncompressed.dcm');

    for (const { name, input, output } of redacted) {
      const before = new Set(dciodvfyErrors(input));
      expect(dciodvfyErrors(output).filter((line) => !before.has(line)), name).toEqual([]);
      const [original, blacked] = readBack([input, output], true);
      expect(blacked!.burnedIn, name).toBe('NO');
      expect(blacked!.shape, name).toEqual(original!.shape);
      const { outside, inside } = comparedPixels(original!, blacked!);
      expect(outside, `${name}: pixels changed outside the box`).toBe(0);
      // Inside it, one value per sample in every frame: black.
      expect(inside.map((values) => values.size), name).toEqual(inside.map(() => 1));
    }

    /** Pixels changed outside the box, and the values inside it per sample, over every frame. */
    function comparedPixels(original: ReadBack, blacked: ReadBack): { outside: number; inside: Set<number>[] } {
      const shape = original.shape!;
      // pixel_array: (rows, columns), (rows, columns, samples), (frames, rows, columns) or (frames, rows, columns, samples).
      const samples = shape.length === 4 || (shape.length === 3 && shape[2]! <= 4) ? shape.at(-1)! : 1;
      const [rows, columns] = samples > 1 ? shape.slice(-3, -1) : shape.slice(-2);
      let outside = 0;
      const inside = Array.from({ length: samples }, () => new Set<number>());
      for (let at = 0; at < original.values!.length; at++) {
        const pixel = Math.floor(at / samples) % (rows! * columns!);
        const row = Math.floor(pixel / columns!);
        const column = pixel % columns!;
        if (column >= box.x && column < box.x + box.width && row >= box.y && row < box.y + box.height) inside[at % samples]!.add(blacked.values![at]!);
        else if (original.values![at] !== blacked.values![at]) outside++;
      }
      return { outside, inside };
    }
  });
});
