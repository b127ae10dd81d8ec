/**
 * Decodes a video once with Debian's ffmpeg into what a frame set serves: every frame as a JPEG
 * file, and the sprite sheets (the same decoded frames, letterboxed and tiled by ffmpeg's `tile`
 * filter) in the same pass — one process, not one per frame.
 *
 * Frames are decoded at import, not on request. Measured on this machine (2 cores), 1280×720
 * H.264: decoding all 600 frames of 20 s to JPEG took 1.8 s (~28 kB a frame); one frame decoded
 * on request (`-ss` seek, then decode from the key frame) took 0.24 s, too slow for stepping
 * frame by frame and a CPU cost on the server per view. The price is disk: frames take ~10–50×
 * the video's bytes.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnTool, toolError } from '../processes/spawnTool';
import { SPRITE_JPEG_QUALITY, SPRITE_LAYOUT } from './spriteLayout';

export interface DecodedVideo {
  /** The frame JPEGs in order. */
  readonly frames: readonly string[];
  /** The sprite sheet JPEGs in order. */
  readonly sheets: readonly string[];
}

/** ffmpeg's JPEG quality scale (2 best … 31): 2 keeps a frame good enough to grade. */
const FRAME_QSCALE = 2;
/** SPRITE_JPEG_QUALITY (libjpeg 0–100) on ffmpeg's scale, roughly. */
const SPRITE_QSCALE = Math.round(2 + ((100 - SPRITE_JPEG_QUALITY) / 100) * 29);

const DECODE_TIMEOUT_MS = 60 * 60 * 1000;

/** Into the work folder `outDir` (also ffmpeg's TMPDIR); `signal`: aborting kills ffmpeg, and decodeVideo rejects with its reason once it has exited. */
export async function decodeVideo(path: string, outDir: string, onFrame?: (done: number) => void, signal?: AbortSignal): Promise<DecodedVideo> {
  const { cellWidth, cellHeight, columns, rows } = SPRITE_LAYOUT;
  const thumbnails = `scale=${cellWidth}:${cellHeight}:force_original_aspect_ratio=decrease,pad=${cellWidth}:${cellHeight}:-1:-1:black,tile=${columns}x${rows}`;
  await runFfmpeg(
    [
      '-v', 'error', '-nostdin', '-nostats', '-progress', 'pipe:1',
      '-i', path,
      '-filter_complex', `[0:v:0]split=2[frames][thumbs];[thumbs]${thumbnails}[sheets]`,
      // passthrough: every decoded frame exactly once, none dropped or repeated to keep a rate.
      '-map', '[frames]', '-fps_mode', 'passthrough', '-q:v', String(FRAME_QSCALE), join(outDir, 'frame-%07d.jpg'),
      '-map', '[sheets]', '-fps_mode', 'passthrough', '-q:v', String(SPRITE_QSCALE), join(outDir, 'sheet-%05d.jpg'),
    ],
    outDir,
    onFrame,
    signal,
  );
  const names = (await readdir(outDir)).sort();
  return {
    frames: names.filter((name) => name.startsWith('frame-')).map((name) => join(outDir, name)),
    sheets: names.filter((name) => name.startsWith('sheet-')).map((name) => join(outDir, name)),
  };
}

/** Runs ffmpeg without a shell, reporting `frame=N` from its progress lines; rejects with its last words. */
function runFfmpeg(args: readonly string[], tmpDir: string, onFrame?: (done: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const child = spawnTool('ffmpeg', args, { tmpDir, timeoutMs: DECODE_TIMEOUT_MS, signal });
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^frame=(\d+)$/.exec(line.trim());
        if (match) onFrame?.(Number(match[1]));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => reject(toolError('ffmpeg', error)));
    child.on('close', (code, killedBy) => {
      if (signal?.aborted) reject(signal.reason);
      else if (code === 0) resolve();
      else reject(new Error(`ffmpeg failed (${killedBy ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ') || 'no reason given'}`));
    });
  });
}
