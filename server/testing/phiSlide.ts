/**
 * A PHI-laden Aperio slide for tests: the CMU-1 sample SVS (label, macro and thumbnail images
 * included) whose first directory is rewritten with PHI strings (src/core/deid/testing/phiDicom.ts)
 * in ImageDescription's Aperio fields and in DocumentName, DateTime, Artist and HostComputer. The
 * new directory and its strings are appended; the header points at it; every other byte is the
 * sample's, so OpenSlide still reads it as Aperio.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendDirectory, asciiOf, assertLittleEndianClassic, directoryAt } from './classicTiff';
import { pathologySample } from './sampleData';

/** Where the PHI sits, by TIFF tag, so tests can say what must be gone. */
export const PHI_SLIDE_TAGS = {
  269: 'PHIID-4711 19450817', // DocumentName
  306: '1945:08:17 10:00:00', // DateTime
  315: 'PHIOPERATOR', // Artist
  316: 'PHISTATION', // HostComputer
} as const;

const IMAGE_DESCRIPTION = 270;

/** Writes `PHIFAMILY_PHIGIVEN.svs` into `dir` (the name is PHI too) and returns its path. */
export function makePhiSvs(dir: string): string {
  const sample = readFileSync(pathologySample('CMU-1-Small-Region.svs'));
  assertLittleEndianClassic(sample, 'the CMU sample');
  const { entries, next } = directoryAt(sample, sample.readUInt32LE(4));
  const descriptionEntry = entries.get(IMAGE_DESCRIPTION);
  const description = Buffer.isBuffer(descriptionEntry) ? asciiOf(sample, descriptionEntry) : '';
  const phiDescription = `${description.replace(/Filename = [^|]*/, 'Filename = PHIFAMILY_PHIGIVEN')}|Date = 08/17/45|Barcode = PHIACC-0099|User = PHIOPERATOR|ScanScope ID = PHISTATION|Title = PHI Memorial Hospital`;
  entries.set(IMAGE_DESCRIPTION, phiDescription);
  for (const [tag, text] of Object.entries(PHI_SLIDE_TAGS)) entries.set(Number(tag), text);
  const { file, at } = appendDirectory(sample, entries, next);
  file.writeUInt32LE(at, 4);
  const path = join(dir, 'PHIFAMILY_PHIGIVEN.svs');
  writeFileSync(path, file);
  return path;
}
