/**
 * De-identifies one DICOM Part 10 file per PS3.15 Annex E (Basic Application Level
 * Confidentiality Profile with the options a policy selects), read and written with dcmjs, which
 * handles sequences and character sets (every string comes out UTF-8, ISO_IR 192). Framework-free:
 * the admin's browser, a worker and the CLI run the same code.
 *
 * Pixel data is changed only by a `PixelRedaction` given here (the CLI's confirmation file), or in
 * a second pass once a person has confirmed the boxes (redactBurnedIn.ts, the browser's upload).
 */
import dcmjs, { type DcmjsDataSet, type DcmjsElement } from 'dcmjs';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN } from '../dicomEncoding';
import { firstText, isEmptyElement, itemsOf, privateCreatorsOf, tagLabel, textsOf } from './dataSet';
import { shiftDate, shiftDateTime } from './dates';
import { instanceKindOf, type InstanceKind } from './instanceKind';
import { readableCharacterSet } from './japaneseCharacterSet';
import { type DeidKey, keyedDayShift, keyedUid } from './keyedHash';
import { methodCodesOf, type DeidOptions } from './policy';
import type { BurnedInReport } from './redactBurnedIn';
import { resolveAction, type DeidReason } from './resolveAction';

/** What happened to one attribute. */
export type DeidOutcome = 'removed' | 'emptied' | 'replaced' | 'remapped' | 'shifted' | 'cleaned' | 'kept';

export interface DeidReportEntry {
  /** `(0010,0010)`, or a nested one: `(0008,1140)[0].(0008,1155)`. */
  readonly path: string;
  readonly keyword: string;
  readonly outcome: DeidOutcome;
  /** The basic profile, or the option that kept or cleaned it. */
  readonly by: DeidReason;
}

/** Per file; names attributes, never their values, so it may be kept and shown to admins. */
export interface DeidReport {
  /** The new SOP Instance UID (the original is not kept). */
  readonly sopInstanceUid: string;
  /** De-identification Method Code Sequence as written (113100, then the options' codes). */
  readonly methodCodes: readonly string[];
  /** Days every date was moved by (Modified Dates), else null. */
  readonly dayShift: number | null;
  readonly entries: readonly DeidReportEntry[];
  /** Present when the file was checked for burned-in text: the boxes blacked out (never the text). */
  readonly burnedIn?: BurnedInReport;
}

export interface DeidResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly report: DeidReport;
}

/**
 * A step after de-identification that changes pixels (blacking out burned-in text a person has
 * confirmed, redactDataSet) and says so in Burned In Annotation and the method codes; null when
 * the file needed none.
 */
export type PixelRedaction = (dataSet: DcmjsDataSet, transferSyntax: string) => Promise<BurnedInReport | null>;

/** Dummy values of action D, by VR; identifying.ts admits them as de-identified. */
export const DUMMY_TEXT = 'ANONYMOUS';
const DUMMY_BY_VR: Readonly<Record<string, unknown>> = {
  PN: { Alphabetic: DUMMY_TEXT },
  DA: '19000101',
  TM: '000000',
  DT: '19000101000000',
  IS: 0,
  DS: 0,
  AS: '000D',
};

export const DEID_METHOD = 'Mejirushi PS3.15 E.1-1';

/** Thrown for bytes dcmjs cannot read as a Part 10 file. */
export class NotDicomError extends Error {
  override readonly name = 'NotDicomError';
}

export function readPart10(file: Uint8Array): ReturnType<typeof dcmjs.data.DicomMessage.readFile> {
  const bytes = readableCharacterSet(file);
  // dcmjs reads a whole ArrayBuffer: a view's bytes are copied out first (a Node Buffer is often
  // a view into a shared pool, and its slice() is no copy).
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  try {
    return dcmjs.data.DicomMessage.readFile(buffer);
  } catch (error) {
    throw new NotDicomError(`not a readable DICOM Part 10 file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export type Part10File = ReturnType<typeof readPart10>;

export async function deidentifyDicom(bytes: Uint8Array, options: DeidOptions, key: DeidKey, redact?: PixelRedaction): Promise<DeidResult> {
  const file = readPart10(bytes);
  const report = await deidentifyPart10(file, options, key, redact);
  return { bytes: new Uint8Array(file.write()), report };
}

/**
 * De-identifies a file as read (its data set and meta group, changed in place) and says what was
 * done. The file may be a header only, read up to its Pixel Data (workers/deid/streamedDeid.ts):
 * nothing here reads pixels but `redact`.
 */
export async function deidentifyPart10(file: Part10File, options: DeidOptions, key: DeidKey, redact?: PixelRedaction): Promise<DeidReport> {
  const { dict } = file;
  const patient = firstText(dict, '00100020') || firstText(dict, '00100010');
  const dayShift = options.temporal === 'modifiedDates' ? keyedDayShift(key, patient) : null;
  const context: Context = { options, key, dayShift, kind: instanceKindOf(dict), identifiers: identifiersOf(dict), entries: [] };
  await deidentifyDataSet(dict, '', context);
  const codes = methodCodesOf(options);
  dict['00120062'] = { vr: 'CS', Value: ['YES'] };
  dict['00120063'] = { vr: 'LO', Value: [DEID_METHOD] };
  dict['00120064'] = {
    vr: 'SQ',
    Value: codes.map((code) => ({
      '00080100': { vr: 'SH', Value: [code.value] },
      '00080102': { vr: 'SH', Value: ['DCM'] },
      '00080104': { vr: 'LO', Value: [code.meaning] },
    })),
  };
  if (dayShift !== null) dict['00280303'] = { vr: 'CS', Value: ['MODIFIED'] };
  // After the codes: a redaction adds its own (Clean Pixel Data) to them.
  const burnedIn = (await redact?.(dict, firstText(file.meta, '00020010'))) ?? null;
  const sopInstanceUid = firstText(dict, '00080018');
  file.meta['00020003'] = { vr: 'UI', Value: [sopInstanceUid] };
  // The sending station's AE title and private meta information name the hospital's systems.
  for (const tag of ['00020016', '00020100', '00020102']) delete file.meta[tag];
  // dcmjs reads a deflated data set but writes it plain: labelled deflated, no reader could open
  // it. It goes as what it then is, Explicit VR Little Endian (as the server stores a deflated
  // file it had to change, server/dicom/repair.ts).
  if (firstText(file.meta, '00020010') === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) file.meta['00020010'] = { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] };
  const methodCodes = itemsOf(dict['00120064'] as DcmjsElement).map((item) => firstText(item, '00080100'));
  return { sopInstanceUid, methodCodes, dayShift, entries: context.entries, ...(burnedIn ? { burnedIn } : {}) };
}

interface Context {
  readonly options: DeidOptions;
  readonly key: DeidKey;
  readonly dayShift: number | null;
  readonly kind: InstanceKind;
  /** The file's own identifying strings, cut out of the descriptors the Clean options keep. */
  readonly identifiers: readonly string[];
  readonly entries: DeidReportEntry[];
}

async function deidentifyDataSet(dataSet: DcmjsDataSet, path: string, context: Context): Promise<void> {
  const creators = privateCreatorsOf(dataSet);
  for (const tag of Object.keys(dataSet)) {
    const element = dataSet[tag] as DcmjsElement;
    const here = `${path}${tagLabel(tag)}`;
    // Group lengths would be wrong once anything in the group changed; dcmjs writes none anew.
    if (tag.endsWith('0000') && !tag.startsWith('50')) {
      delete dataSet[tag];
      continue;
    }
    const resolved = resolveAction(tag, element.vr, context.options, creators, context.kind);
    if (!resolved) {
      await walkItems(element, here, context);
      continue;
    }
    const { action, by, keyword } = resolved;
    const note = (outcome: DeidOutcome) => context.entries.push({ path: here, keyword, outcome, by });
    switch (action) {
      case 'X':
        delete dataSet[tag];
        note('removed');
        break;
      case 'Z':
        dataSet[tag] = { vr: element.vr, Value: [] };
        note('emptied');
        break;
      case 'D':
        if (element.vr === 'SQ') await walkItems(element, here, context);
        else if (element.vr === 'UI') dataSet[tag] = remapped(element, context.key);
        else dataSet[tag] = { vr: element.vr, Value: element.vr in DUMMY_BY_VR ? [DUMMY_BY_VR[element.vr]] : [DUMMY_TEXT] };
        note('replaced');
        break;
      case 'U':
        if (!isEmptyElement(element)) dataSet[tag] = remapped(element, context.key);
        note('remapped');
        break;
      case 'C':
        dataSet[tag] = await cleaned(element, here, context);
        note(element.vr === 'DA' || element.vr === 'DT' ? 'shifted' : 'cleaned');
        break;
      case 'K':
        await walkItems(element, here, context);
        if (by !== 'basic') note('kept');
        break;
    }
  }
}

async function walkItems(element: DcmjsElement, path: string, context: Context): Promise<void> {
  const items = itemsOf(element);
  for (const [index, item] of items.entries()) await deidentifyDataSet(item, `${path}[${index}].`, context);
}

function remapped(element: DcmjsElement, key: DeidKey): DcmjsElement {
  const uids = textsOf(element).map((uid) => uid.replace(/\0/g, '').trim());
  return { vr: element.vr, Value: uids.map((uid) => keyedUid(key, uid)) };
}

async function cleaned(element: DcmjsElement, path: string, context: Context): Promise<DcmjsElement> {
  if (element.vr === 'SQ') {
    await walkItems(element, path, context);
    return element;
  }
  if (element.vr === 'DA' || element.vr === 'DT') {
    const shift = context.dayShift ?? 0;
    const shifted = textsOf(element).map((value) => (element.vr === 'DA' ? shiftDate(value, shift) : shiftDateTime(value, shift)));
    // A value that is no full date (a partial date, a range) cannot be shifted: it goes.
    return { vr: element.vr, Value: shifted.filter((value): value is string => value !== null) };
  }
  if (element.vr === 'PN') return { vr: 'PN', Value: [{ Alphabetic: DUMMY_TEXT }] };
  return { vr: element.vr, Value: textsOf(element).map((text) => cleanText(text, context.identifiers)) };
}

/** `text` with every occurrence of the file's identifiers cut out (case-insensitive). */
export function cleanText(text: string, identifiers: readonly string[]): string {
  let result = text;
  for (const identifier of identifiers) {
    const pattern = new RegExp(identifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    result = result.replace(pattern, '');
  }
  return result.replace(/\s{2,}/g, ' ').trim();
}

/** Names, IDs, dates of birth and accession numbers of the file, and each name's parts. */
function identifiersOf(dataSet: DcmjsDataSet): string[] {
  const tags = ['00100010', '00100020', '00101000', '00101001', '00101005', '00100030', '00080050', '00080080', '00080090', '00081050', '00081060', '00081070', '00101040'];
  const found = new Set<string>();
  for (const tag of tags) {
    const element = dataSet[tag];
    if (!element) continue;
    for (const text of textsOf(element)) {
      const whole = text.trim();
      if (whole.length >= 2) found.add(whole);
      for (const part of whole.split(/[\^=\\ ]+/u)) if (part.length >= 2) found.add(part);
    }
  }
  // Longest first, so "Taro Yamada" goes whole before "Taro" leaves "Yamada" behind.
  return [...found].sort((a, b) => b.length - a.length);
}
