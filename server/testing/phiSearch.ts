/** Looking for the PHI strings of the generated test files (src/core/deid/testing/phiDicom.ts) wherever data may land. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JAPANESE_PHI_BYTES } from '../../src/core/deid/testing/japaneseDicom';
import { PHI_STRINGS } from '../../src/core/deid/testing/phiDicom';

/**
 * Every PHI string found in `bytes`, as UTF-8 (how the server and dcmjs write text) or, where it is
 * Latin-1, as Latin-1; and the Japanese name as ISO 2022 IR 87 files hold it.
 */
export function phiIn(bytes: Buffer): string[] {
  // Buffer.from('山田', 'latin1') keeps each character's low byte ("q0"): no search for what Latin-1 cannot spell.
  const encodings = (phi: string) => (/^[\u0000-\u00ff]*$/.test(phi) ? [Buffer.from(phi, 'utf8'), Buffer.from(phi, 'latin1')] : [Buffer.from(phi, 'utf8')]);
  const found = PHI_STRINGS.filter((phi) => encodings(phi).some((encoded) => bytes.includes(encoded)));
  return [...found, ...Object.entries(JAPANESE_PHI_BYTES).flatMap(([phi, held]) => (bytes.includes(Buffer.from(held, 'latin1')) ? [phi] : []))];
}

/** Every file under `dir` with the PHI strings it holds; files holding none are left out. */
export function phiUnder(dir: string): { path: string; phi: string[] }[] {
  const files = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  return files(dir)
    .map((path) => ({ path, phi: phiIn(readFileSync(path)) }))
    .filter((found) => found.phi.length > 0);
}
