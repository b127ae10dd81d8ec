/**
 * DICOM frame-set fixtures made at test time, never committed:
 * - a Video Endoscopic instance holding an H.264 stream that ffmpeg encoded from `testsrc`, split
 *   over several fragments, written by pydicom (server/testing/dicomFramesFixture.py);
 * - multi-frame Ophthalmic Photography instances of baseline JPEG frames and of native RGB (pydicom);
 * - single-frame VL Endoscopic and Ophthalmic Photography instances made by dcmtk's `img2dcm`
 *   from JPEGs, as a site's capture station converts its stills.
 * Every instance carries a patient name, which annotators must never see.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'dicomFramesFixture.py');

export const FIXTURE_PATIENT = 'SUZUKI^HANAKO';
export const VIDEO_ENDOSCOPIC_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.1.1';
export const VL_ENDOSCOPIC_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.1';
export const OPHTHALMIC_PHOTOGRAPHY_8_BIT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.5.1';

/** Why these fixtures cannot be made here, or null when pydicom and dcmtk's img2dcm are present. */
export function missingDicomFrameTools(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `pydicom is not installed for ${PYTHON} (Debian: python3-pydicom)`;
  if (spawnSync('img2dcm', ['--version']).error) return 'img2dcm is not installed (Debian: dcmtk)';
  return null;
}

interface PydicomInstance {
  readonly kind: 'video' | 'jpeg' | 'rgb';
  readonly path: string;
  readonly sopClassUid: string;
  readonly sopUid: string;
  readonly seriesUid: string;
  readonly instanceNumber: number;
  readonly modality: string;
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly fps?: number;
  readonly stream?: string;
  readonly fragmentBytes?: number;
  readonly files?: readonly string[];
}

async function writeWithPydicom(dir: string, instances: readonly PydicomInstance[]): Promise<void> {
  const manifest = join(dir, 'manifest.json');
  const common = { studyUid: '2.25.411111111111111111111111111111111', patientName: FIXTURE_PATIENT, patientId: 'PID-0042' };
  await writeFile(manifest, JSON.stringify({ instances: instances.map((instance) => ({ ...common, ...instance })) }));
  await run(PYTHON, [SCRIPT, manifest]);
}

export interface DicomVideoFixture {
  readonly path: string;
  /** The H.264 stream as ffmpeg wrote it: the reference a served frame is held to. */
  readonly stream: string;
  readonly frames: number;
  readonly fps: number;
}

/** A Video Endoscopic instance of `seconds` × `fps` frames of 160 × 120 px, its stream in 4 kB fragments. */
export async function makeDicomVideo(dir: string, fps: number, seconds: number): Promise<DicomVideoFixture> {
  const stream = join(dir, 'endoscopy.h264');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=${fps}:duration=${seconds},hue=h=n*47`, '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '12', '-f', 'h264', stream]);
  const path = join(dir, 'endoscopy-video.dcm');
  const frames = fps * seconds;
  await writeWithPydicom(dir, [
    { kind: 'video', path, sopClassUid: VIDEO_ENDOSCOPIC_IMAGE_STORAGE, sopUid: '2.25.421111111111111111111111111111111', seriesUid: '2.25.431111111111111111111111111111111', instanceNumber: 1, modality: 'ES', rows: 120, columns: 160, frames, fps, stream, fragmentBytes: 4096 },
  ]);
  return { path, stream, frames, fps };
}

/** A 96 × 64 px picture, one colour a frame, with a white square in its top-left corner (so a turned or mirrored frame shows). */
export async function colouredFrame(red: number, green: number, blue: number): Promise<Buffer> {
  const pixels = Buffer.alloc(96 * 64 * 3);
  for (let i = 0; i < 96 * 64; i += 1) pixels.set(i % 96 < 16 && i < 16 * 96 ? [255, 255, 255] : [red, green, blue], i * 3);
  return pixels;
}

export const FRAME_COLOURS: readonly (readonly [number, number, number])[] = [
  [200, 30, 30],
  [30, 200, 30],
  [30, 30, 200],
];

/**
 * Multi-frame Ophthalmic Photography instances (VL Endoscopic is single-frame by its IOD): one of
 * three baseline JPEG frames and one of three native RGB frames, in a series each.
 */
export async function makeMultiFrameOphthalmic(dir: string): Promise<{ readonly jpeg: string; readonly rgb: string }> {
  const jpegs: string[] = [];
  const raws: string[] = [];
  for (const [index, [r, g, b]] of FRAME_COLOURS.entries()) {
    const raw = await colouredFrame(r, g, b);
    const rawPath = join(dir, `frame-${index}.rgb`);
    await writeFile(rawPath, raw);
    raws.push(rawPath);
    const jpegPath = join(dir, `frame-${index}.jpg`);
    await sharp(raw, { raw: { width: 96, height: 64, channels: 3 } }).jpeg({ quality: 95 }).toFile(jpegPath);
    jpegs.push(jpegPath);
  }
  const jpeg = join(dir, 'fundus-jpeg.dcm');
  const rgb = join(dir, 'fundus-rgb.dcm');
  const common = { sopClassUid: OPHTHALMIC_PHOTOGRAPHY_8_BIT_IMAGE_STORAGE, instanceNumber: 1, modality: 'OP', rows: 64, columns: 96, frames: 3, fps: 5 } as const;
  await writeWithPydicom(dir, [
    { ...common, kind: 'jpeg', path: jpeg, sopUid: '2.25.441111111111111111111111111111111', seriesUid: '2.25.451111111111111111111111111111111', files: jpegs },
    { ...common, kind: 'rgb', path: rgb, sopUid: '2.25.461111111111111111111111111111111', seriesUid: '2.25.471111111111111111111111111111111', files: raws },
  ]);
  return { jpeg, rgb };
}

/** Attributes img2dcm cannot invent for Ophthalmic Photography: the eye and the camera (a fundus camera, SNOMED CT). */
const OPHTHALMIC_KEYS = [
  'ImageLaterality=R',
  'AcquisitionDeviceTypeCodeSequence[0].CodeValue=409898007',
  'AcquisitionDeviceTypeCodeSequence[0].CodingSchemeDesignator=SCT',
  'AcquisitionDeviceTypeCodeSequence[0].CodeMeaning=Fundus camera',
];

/**
 * Single-frame instances of one series made by img2dcm from JPEGs of `widths` px wide (so each
 * instance is told by its size), numbered `instanceNumbers` and written to files named in the
 * reverse order: the importer must order them by Instance Number, not by name.
 */
export async function makeImg2dcmSeries(dir: string, kind: 'endoscopic' | 'ophthalmic', widths: readonly number[], instanceNumbers: readonly number[]): Promise<string[]> {
  const seriesUid = kind === 'endoscopic' ? '2.25.481111111111111111111111111111111' : '2.25.491111111111111111111111111111111';
  const classKeys = kind === 'endoscopic' ? ['-vlp', '-k', `SOPClassUID=${VL_ENDOSCOPIC_IMAGE_STORAGE}`, '-k', 'Modality=ES', '-k', 'Laterality='] : ['-oph', ...OPHTHALMIC_KEYS.flatMap((key) => ['-k', key])];
  const paths: string[] = [];
  for (const [index, width] of widths.entries()) {
    const jpeg = join(dir, `${kind}-${width}.jpg`);
    await sharp({ create: { width, height: 80, channels: 3, background: { r: 90, g: 60 + index * 40, b: 50 } } }).jpeg({ quality: 90 }).toFile(jpeg);
    const path = join(dir, `${kind}-${String.fromCharCode(122 - index)}.dcm`);
    const keys = [`PatientName=${FIXTURE_PATIENT}`, 'PatientID=PID-0042', `SeriesInstanceUID=${seriesUid}`, `InstanceNumber=${instanceNumbers[index]}`, 'StudyDate=20260401'];
    await run('img2dcm', [...classKeys, ...keys.flatMap((key) => ['-k', key]), jpeg, path]);
    paths.push(path);
  }
  return paths;
}

/** dciodvfy's errors for a file (warnings left out), or null when dicom3tools is not installed. */
export function dciodvfyErrors(path: string): string[] | null {
  const result = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  if (result.error) return null;
  return `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.startsWith('Error'));
}
