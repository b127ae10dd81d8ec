/**
 * A PHI-laden Aperio slide for tests: the CMU-1 sample SVS (label, macro and thumbnail images
 * included) whose first directory is rewritten with PHI strings (src/core/deid/testing/phiDicom.ts)
 * in ImageDescription's Aperio fields and in DocumentName, DateTime, Artist and HostComputer. The
 * new directory and its strings are appended; the header points at it; every other byte is the
 * sample's, so OpenSlide still reads it as Aperio.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathologySample } from './sampleData';

/** Where the PHI sits, by TIFF tag, so tests can say what must be gone. */
export const PHI_SLIDE_TAGS = {
  269: 'PHIID-4711 19450817', // DocumentName
  306: '1945:08:17 10:00:00', // DateTime
  315: 'PHIOPERATOR', // Artist
  316: 'PHISTATION', // HostComputer
} as const;

const ASCII = 2;
const IMAGE_DESCRIPTION = 270;

/** Writes `PHIFAMILY_PHIGIVEN.svs` into `dir` (the name is PHI too) and returns its path. */
export function makePhiSvs(dir: string): string {
  const sample = readFileSync(pathologySample('CMU-1-Small-Region.svs'));
  if (sample.toString('latin1', 0, 2) !== 'II' || sample.readUInt16LE(2) !== 42) throw new Error('the CMU sample is expected to be a little-endian classic TIFF');
  const firstIfd = sample.readUInt32LE(4);
  const count = sample.readUInt16LE(firstIfd);
  const entries = new Map<number, Buffer>();
  let description = '';
  for (let i = 0; i < count; i += 1) {
    const entry = sample.subarray(firstIfd + 2 + i * 12, firstIfd + 14 + i * 12);
    const tag = entry.readUInt16LE(0);
    if (tag === IMAGE_DESCRIPTION) description = sample.toString('latin1', entry.readUInt32LE(8), entry.readUInt32LE(8) + entry.readUInt32LE(4) - 1);
    else entries.set(tag, Buffer.from(entry));
  }
  const nextIfd = sample.readUInt32LE(firstIfd + 2 + count * 12);
  const phiDescription = `${description.replace(/Filename = [^|]*/, 'Filename = PHIFAMILY_PHIGIVEN')}|Date = 08/17/45|Barcode = PHIACC-0099|User = PHIOPERATOR|ScanScope ID = PHISTATION|Title = PHI Memorial Hospital`;
  const texts: [number, string][] = [[IMAGE_DESCRIPTION, phiDescription], ...Object.entries(PHI_SLIDE_TAGS).map(([tag, text]): [number, string] => [Number(tag), text])];

  const chunks: Buffer[] = [sample];
  let end = sample.length + (sample.length % 2);
  if (sample.length % 2) chunks.push(Buffer.alloc(1));
  for (const [tag, text] of texts) {
    const value = Buffer.from(`${text}\0`, 'latin1');
    const entry = Buffer.alloc(12);
    entry.writeUInt16LE(tag, 0);
    entry.writeUInt16LE(ASCII, 2);
    entry.writeUInt32LE(value.length, 4);
    entry.writeUInt32LE(end, 8);
    entries.set(tag, entry);
    const padded = Buffer.concat([value, Buffer.alloc(value.length % 2)]);
    chunks.push(padded);
    end += padded.length;
  }
  const sorted = [...entries.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  const directory = Buffer.alloc(2 + sorted.length * 12 + 4);
  directory.writeUInt16LE(sorted.length, 0);
  sorted.forEach((entry, i) => entry.copy(directory, 2 + i * 12));
  directory.writeUInt32LE(nextIfd, 2 + sorted.length * 12);
  chunks.push(directory);
  const bytes = Buffer.concat(chunks);
  bytes.writeUInt32LE(end, 4);
  const path = join(dir, 'PHIFAMILY_PHIGIVEN.svs');
  writeFileSync(path, bytes);
  return path;
}
