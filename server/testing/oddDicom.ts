/** The committed odd DICOM files of the importer's tests (built by make_fixtures.py beside them). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ODD_DICOM_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e', 'fixtures', 'odd-dicom', 'import');

export type OddDicomFile =
  | 'deflate_bomb_1gib.dcm'
  | 'float_pixels.dcm'
  | 'frames_2000000_native.dcm'
  | 'frames_2000000_jpeg.dcm'
  | 'jpeg_undecodable.dcm'
  | 'no_meta_implicit.dcm'
  | 'no_meta_explicit.dcm'
  | 'uids_too_long.dcm'
  | 'uids_missing.dcm'
  | 'uids_missing_implicit.dcm'
  | 'wsi_tiles.dcm';

export function oddDicom(name: OddDicomFile): Uint8Array {
  return new Uint8Array(readFileSync(resolve(ODD_DICOM_DIR, name)));
}
