/**
 * Encodes the demo endoscopy video with Debian's ffmpeg (H.264 in MP4): every frame painted by
 * paint.ts, piped in as raw RGB. Kept in the data folder and reused on later starts.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { paintDemoFrame } from './paint';
import { DEMO_VIDEO_FPS, DEMO_VIDEO_FRAMES, DEMO_VIDEO_HEIGHT, DEMO_VIDEO_WIDTH } from './truth';

/** Thrown when ffmpeg is not installed: the demo goes on without its video. */
export class FfmpegMissing extends Error {}

/**
 * Makes `path` unless it exists: written aside under a name of its own, then renamed, so a stopped
 * start leaves no half file and two starting at once each put a whole (and identical) one in place.
 */
export async function ensureDemoVideo(path: string): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${randomUUID()}.partial.mp4`;
  await encode(partial);
  await rename(partial, path);
}

function encode(path: string): Promise<void> {
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${DEMO_VIDEO_WIDTH}x${DEMO_VIDEO_HEIGHT}`, '-r', String(DEMO_VIDEO_FPS), '-i', 'pipe:0'],
    // Near-lossless, so the events' colours survive for the tests that look for them.
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p', path],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new FfmpegMissing('ffmpeg is not installed') : error));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
    // Frames are written one at a time, each after the pipe has taken the previous one.
    // A failed ffmpeg closes its input: the loop stops there and 'error' or 'close' says why.
    child.stdin.on('error', () => undefined);
    void (async () => {
      for (let frame = 0; frame < DEMO_VIDEO_FRAMES && !child.stdin.destroyed; frame += 1) {
        if (child.stdin.write(paintDemoFrame(frame))) continue;
        await new Promise((writable) => {
          child.stdin.once('drain', writable);
          child.stdin.once('close', writable);
        });
      }
      child.stdin.end();
    })();
  });
}
