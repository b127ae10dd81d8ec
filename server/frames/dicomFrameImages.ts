/**
 * Decodes every frame of a DICOM image instance to a PNG with dcmtk's `dcmj2pnm` (Debian dcmtk),
 * which knows every photometric interpretation (RGB, YBR_FULL, YBR_FULL_422…), planar
 * configuration and compression such an instance comes in: one process for all its frames.
 * PNG keeps the decoded pixels exactly; 16-bit samples are scaled to 8 bits by their min–max window.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stopOnAbort } from '../processes/stopOnAbort';

const DECODE_TIMEOUT_MS = 30 * 60 * 1000;
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** The PNG files of the instance's frames, in frame order; `signal` aborting kills dcmj2pnm and rejects with its reason. */
export async function decodeDicomFrames(path: string, outDir: string, signal?: AbortSignal): Promise<string[]> {
  await dcmj2pnm(['+Fa', '+on', '+Wm', path, join(outDir, 'frame')], signal);
  // dcmj2pnm names frame n (0-based) `frame.<n>.png`.
  const names = (await readdir(outDir)).filter((name) => /^frame\.\d+\.png$/.test(name)).sort(naturalOrder);
  return names.map((name) => join(outDir, name));
}

function dcmj2pnm(args: readonly string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const child = execFile('dcmj2pnm', [...args], { timeout: DECODE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      detach();
      if (signal?.aborted) reject(signal.reason);
      else if (!error) resolve();
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error('dcmj2pnm is not installed (Debian: dcmtk)'));
      else reject(new Error(`dcmj2pnm cannot decode it: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`));
    });
    const detach = stopOnAbort(child, 'dcmj2pnm', signal);
  });
}
