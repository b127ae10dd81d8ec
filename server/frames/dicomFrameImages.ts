/**
 * Decodes every frame of a DICOM image instance to a PNG with dcmtk's `dcmj2pnm` (Debian dcmtk),
 * which knows every photometric interpretation (RGB, YBR_FULL, YBR_FULL_422…), planar
 * configuration and compression such an instance comes in: one process for all its frames.
 * PNG keeps the decoded pixels exactly; 16-bit samples are scaled to 8 bits by their min–max window.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../processes/runTool';

const DECODE_TIMEOUT_MS = 30 * 60 * 1000;
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The PNG files of the instance's frames, in frame order, written in the work folder `outDir` (also
 * dcmj2pnm's TMPDIR); `signal` aborting kills dcmj2pnm and rejects with its reason.
 */
export async function decodeDicomFrames(path: string, outDir: string, signal?: AbortSignal): Promise<string[]> {
  const decoded = await runTool('dcmj2pnm', ['+Fa', '+on', '+Wm', path, join(outDir, 'frame')], { tmpDir: outDir, timeoutMs: DECODE_TIMEOUT_MS, signal });
  if (!decoded.ok) throw new Error(`dcmj2pnm cannot decode it: ${decoded.stderr || 'no reason given'}`);
  // dcmj2pnm names frame n (0-based) `frame.<n>.png`.
  const names = (await readdir(outDir)).filter((name) => /^frame\.\d+\.png$/.test(name)).sort(naturalOrder);
  return names.map((name) => join(outDir, name));
}
