/** The Accept header of a DICOMweb request, as the media types (with parameters) it lists. */
import { HttpError } from '../../http/errors';
import { mediaParameter } from '../../dicomweb/multipart';

export interface AcceptEntry {
  /** Lower case, without parameters: `multipart/related`, `application/dicom+json`, `*\/*`. */
  readonly mediaType: string;
  /** The `type` parameter of a multipart entry, lower case; null when absent. */
  readonly partType: string | null;
  readonly transferSyntax: string | null;
}

export function acceptEntries(header: string | undefined): AcceptEntry[] {
  if (header === undefined || header.trim() === '') return [{ mediaType: '*/*', partType: null, transferSyntax: null }];
  return splitEntries(header).map((entry) => ({
    mediaType: (entry.split(';')[0] as string).trim().toLowerCase(),
    partType: mediaParameter(entry, 'type')?.toLowerCase() ?? null,
    transferSyntax: mediaParameter(entry, 'transfer-syntax'),
  }));
}

/** Commas separate entries, but not inside a quoted parameter (`type="application/dicom"`). */
function splitEntries(header: string): string[] {
  const entries: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i += 1) {
    if (header[i] === '"') quoted = !quoted;
    else if (header[i] === ',' && !quoted) {
      entries.push(header.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(header.slice(start));
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

export const notAcceptable = (offered: string): HttpError => new HttpError(406, 'not_acceptable', `this resource is served as ${offered}`);

/** Whether the client takes DICOM JSON (QIDO-RS answers, metadata): `application/dicom+json`, plain JSON, or anything. */
export function acceptsDicomJson(header: string | undefined): boolean {
  return acceptEntries(header).some((entry) => entry.mediaType === '*/*' || entry.mediaType === 'application/dicom+json' || entry.mediaType === 'application/json');
}

/** The image type a rendered request is answered in: the first of the client's entries that one can be; JPEG for any image. */
export function renderedTypeOf(header: string | undefined): 'image/jpeg' | 'image/png' | null {
  for (const { mediaType } of acceptEntries(header)) {
    if (mediaType === 'image/png') return 'image/png';
    if (mediaType === 'image/jpeg' || mediaType === 'image/*' || mediaType === '*/*') return 'image/jpeg';
  }
  return null;
}
