/**
 * Frame-set fixtures made at test time, never committed: videos from ffmpeg's lavfi `testsrc`
 * (a moving pattern, so neighbouring frames differ), stills cut down from the shared fundus
 * photographs with vips, and a still carrying EXIF made with sharp.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { sampleDataDir } from './sampleData';

const run = promisify(execFile);

export interface TestVideo {
  readonly format: 'mp4' | 'webm';
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly seconds: number;
}

/**
 * Writes a `testsrc` video (H.264 in MP4, or VP8 in WebM) to `path`, its hue turned 47° further each
 * frame so that any two neighbouring frames differ far more than JPEG's loss.
 */
export async function makeTestVideo(path: string, video: TestVideo): Promise<void> {
  const { width, height, fps, seconds } = video;
  const codec = video.format === 'mp4' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '12'] : ['-c:v', 'libvpx', '-b:v', '300k'];
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}:duration=${seconds},hue=h=n*47`, ...codec, path]);
}

/** A copy of an MP4 marked as recorded turned by 90° (as a phone marks it), the pictures untouched. */
export async function markRotated(path: string, out: string): Promise<void> {
  await run('ffmpeg', ['-v', 'error', '-y', '-i', path, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]);
}

/** Frame `index` (0-based, decoding order) of a video as raw RGB px, decoded by ffmpeg itself: the reference a served frame is held to. */
export async function referenceFrame(path: string, index: number): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${index})`, '-fps_mode', 'passthrough', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export function fundusSample(name: string): string {
  return resolve(sampleDataDir(), 'fundus', name);
}

/** True when the fundus photographs are present (the folder the stills suite reads). */
export function hasFundusSampleData(): boolean {
  return existsSync(fundusSample('retina_normal_left_eye.jpg')) && existsSync(fundusSample('idrid/IDRiD_01.jpg'));
}

/** A fundus photograph shrunk by vips to `width` px wide (aspect kept), as JPEG without metadata. */
export async function shrunkFundus(name: string, width: number, out: string): Promise<void> {
  await run('vips', ['thumbnail', fundusSample(name), `${out}[strip]`, String(width)]);
}

/** A JPEG whose EXIF names a patient, as a camera that records one writes it. */
export async function jpegWithPatientExif(source: string, artist: string): Promise<Buffer> {
  return sharp(source).withExif({ IFD0: { Artist: artist, ImageDescription: artist } }).jpeg({ quality: 90 }).toBuffer();
}
