/**
 * Encodes the demo endoscopy video with Debian's ffmpeg (H.264 in MP4): every frame painted by
 * paint.ts, piped in as raw RGB. Kept in the data folder and reused on later starts.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { spawnTool, toolError } from '../../processes/spawnTool';
import type { WorkDirs } from '../../workDirs/workDirs';
import { paintDemoFrame } from './paint';
import { DEMO_VIDEO_FPS, DEMO_VIDEO_FRAMES, DEMO_VIDEO_HEIGHT, DEMO_VIDEO_WIDTH } from './truth';

/**
 * Makes `path` unless it exists: written in a work folder of its own (on the data folder's file
 * system), then renamed, so a stopped start leaves no half file where the next start looks (the
 * work folder is swept) and two starting at once each put a whole (and identical) one in place.
 * Rejects with ToolMissing when ffmpeg is not installed: the demo goes on without its video.
 */
export async function ensureDemoVideo(path: string, workDirs: WorkDirs): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const work = await workDirs.workDir('demo-video');
  try {
    const partial = join(work.path, 'demo.mp4');
    await encode(partial, work.path);
    await rename(partial, path);
  } finally {
    await work.release();
  }
}

function encode(path: string, tmpDir: string): Promise<void> {
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${DEMO_VIDEO_WIDTH}x${DEMO_VIDEO_HEIGHT}`, '-r', String(DEMO_VIDEO_FPS), '-i', 'pipe:0'],
    // Near-lossless, so the events' colours survive for the tests that look for them.
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p', path],
  ];
  return new Promise((resolve, reject) => {
    const child = spawnTool('ffmpeg', args, { tmpDir, input: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    child.on('error', (error: NodeJS.ErrnoException) => reject(toolError('ffmpeg', error)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
    // Frames are written one at a time, each after the pipe has taken the previous one.
    // A failed ffmpeg closes its input: the loop stops there and 'error' or 'close' says why.
    child.stdin.on('error', () => undefined);
    child.stdout.resume(); // it prints nothing there; drained all the same
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
