/**
 * What a video holds, from Debian's ffprobe: its first video stream's codec, size and rate, and its
 * frame count found by decoding every frame (`-count_frames`), never estimated from duration ×
 * rate, which variable-rate and cut recordings get wrong.
 */
import { runTool } from '../processes/runTool';

export interface VideoFacts {
  readonly codec: string;
  /** Decoded frame size in px (sample aspect ratio not applied). */
  readonly width: number;
  readonly height: number;
  /** Average frames per second. */
  readonly fps: number;
  readonly frames: number;
  readonly durationSeconds: number | null;
}

export type VideoProbe = { readonly ok: true; readonly facts: VideoFacts } | { readonly ok: false; readonly reason: string };

interface FfprobeJson {
  readonly streams?: readonly {
    readonly codec_name?: string;
    readonly width?: number;
    readonly height?: number;
    readonly avg_frame_rate?: string;
    readonly r_frame_rate?: string;
    readonly nb_read_frames?: string;
  }[];
  readonly format?: { readonly duration?: string };
}

/** `tmpDir`: the job's work folder; `signal`: aborting kills ffprobe, and probeVideo rejects with its reason. */
export async function probeVideo(path: string, tmpDir: string, signal?: AbortSignal): Promise<VideoProbe> {
  const result = await runTool('ffprobe', [
    '-v', 'error',
    '-count_frames',
    '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height,avg_frame_rate,r_frame_rate,nb_read_frames:format=duration',
    '-of', 'json',
    path,
  ], { tmpDir, signal });
  if (!result.ok) return { ok: false, reason: `ffprobe cannot read it: ${result.stderr || 'no reason given'}` };
  const json = JSON.parse(result.stdout) as FfprobeJson;
  const stream = json.streams?.[0];
  if (!stream) return { ok: false, reason: 'it has no video stream' };
  const frames = Number(stream.nb_read_frames);
  const fps = rate(stream.avg_frame_rate) ?? rate(stream.r_frame_rate);
  const { width, height } = stream;
  if (!Number.isInteger(frames) || frames < 1) return { ok: false, reason: 'no frame of its video stream decodes' };
  if (!width || !height || !fps) return { ok: false, reason: 'ffprobe gives no frame size or rate for its video stream' };
  const duration = Number(json.format?.duration);
  return { ok: true, facts: { codec: stream.codec_name ?? 'unknown', width, height, fps, frames, durationSeconds: Number.isFinite(duration) ? duration : null } };
}

/** "30000/1001" → 29.97…; "0/0" (unknown) → null. */
function rate(text: string | undefined): number | null {
  const [num, den] = (text ?? '').split('/').map(Number);
  if (!num || !den) return null;
  return num / den;
}
