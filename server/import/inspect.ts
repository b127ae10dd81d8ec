/**
 * Everything the importer decides about one file's bytes, in one pure step (run in a worker
 * thread by inspectPool): which importer it belongs to, its header, whether its first frame
 * decodes, and the bytes to store when it had to be repaired (File Meta added, UIDs made up).
 */
import type { ImportRefusalCode, ImportWarning } from '../../src/core/api';
import { decodeFirstFrame } from '../dicom/decode/decodeFrame';
import { readDicomInstance, type DicomInstanceMeta } from '../dicom/parse';
import { repairedFile } from '../dicom/repair';
import { routeImport, SLIDE_REFUSAL } from './route';

export type Inspection =
  | {
      readonly ok: true;
      readonly meta: DicomInstanceMeta;
      readonly warnings: readonly ImportWarning[];
      /** The bytes to store instead of the file as given, or null to store it as it is. */
      readonly repaired: Uint8Array | null;
    }
  | { readonly ok: false; readonly reason: string; readonly code?: ImportRefusalCode };

export async function inspectDicomFile(bytes: Uint8Array): Promise<Inspection> {
  const route = routeImport(bytes);
  if (route.importer === 'slide') return { ok: false, reason: SLIDE_REFUSAL, code: 'wholeSlide' };
  const read = readDicomInstance(bytes);
  if (!read.ok) return read;
  const { meta } = read;
  const decoded = await decodeFirstFrame({ dataSet: read.dataSet, ...meta });
  if (!decoded.ok) return { ok: false, reason: decoded.reason, code: 'undecodable' };
  const repaired = repairedFile(read);
  return {
    ok: true,
    meta: repaired ? { ...meta, transferSyntaxUid: repaired.transferSyntaxUid } : meta,
    warnings: read.warnings,
    repaired: repaired?.bytes ?? null,
  };
}
