/**
 * A de-identified header written by passing its unchanged elements on as the file had them.
 * dcmjs writes a data set element by element, each through a stream object and a buffer of its
 * own: for a CT header of a few hundred elements that write costs more than reading it (bench/README,
 * "deid"). De-identification changes a few dozen elements and replaces each one it changes (a new
 * element object: deidentify.ts), so an element still the object dcmjs read is still the bytes it
 * was read from, and only the replaced, added and re-encoded ones need dcmjs.
 *
 * The output is byte for byte what `file.write()` gives (headerWrite.test.ts, over the sample
 * series, the 11 transfer syntaxes pixelDataStart walks, the singles and the PHI corpus); an element is passed on only where dcmjs would
 * write its bytes back unchanged: its wire VR the one read, not a sequence (de-identification
 * edits items in place), and binary, or text whose bytes are plain ASCII (dcmjs re-encodes all
 * text as UTF-8 under ISO_IR 192, so other bytes may change). The character set is always
 * written by dcmjs (it reads as ISO_IR 192 whatever the file said).
 */
import dcmjs, { type DcmjsDataSet, type DcmjsElement } from 'dcmjs';
import type { Part10File } from './deidentify';
import { encodeElement, encodeMetaGroup, GrowingBytes } from './elementWrite';
import { IMPLICIT_VR_LITTLE_ENDIAN } from '../dicomEncoding';
import { walkableSyntax, type ElementSpan } from './pixelDataStart';

const SPECIFIC_CHARACTER_SET = '00080005';

/** Values dcmjs reads and writes as numbers or bytes, whatever the character set. */
const BINARY_VRS = new Set(['AT', 'FD', 'FL', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SL', 'SS', 'SV', 'UL', 'UN', 'US', 'UV']);

/** The elements as dcmjs read them, before de-identification replaced any (take it right after reading). */
export type ElementsAsRead = ReadonlyMap<string, DcmjsElement>;

export const elementsAsRead = (dataSet: DcmjsDataSet): ElementsAsRead => new Map(Object.entries(dataSet));

/** The transfer syntax of `file`'s data set, as dcmjs will write it. */
const syntaxOf = (file: Part10File): string => String((file.meta['00020010']?.Value ?? [])[0] ?? '');

/** Plain ASCII: no byte past 0x7F, and no ESC (an ISO 2022 escape switches to another character set: dcmjs re-encodes that text). */
function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f || bytes[i] === 0x1b) return false;
  return true;
}

function passedOn(tag: string, element: DcmjsElement, asRead: ElementsAsRead, span: ElementSpan | undefined, header: Uint8Array): span is ElementSpan {
  if (!span || asRead.get(tag) !== element || element.vr === 'SQ' || tag === SPECIFIC_CHARACTER_SET) return false;
  if (span.vr !== null && span.vr !== element.vr) return false;
  return BINARY_VRS.has(element.vr) || isAscii(header, span.start, span.end);
}

/** How many elements took each way out (for the tests: most should not be dcmjs's). */
export interface WritePaths {
  passedOn: number;
  encoded: number;
  dcmjs: number;
}

/** `element` written by dcmjs (what elementWrite does not encode), appended to `out`. */
function writtenByDcmjs(out: GrowingBytes, tag: string, element: DcmjsElement, syntax: string): void {
  const stream = new dcmjs.data.WriteBufferStream(256, true);
  dcmjs.data.DicomMessage.write({ [tag]: element }, stream, syntax);
  out.copy(new Uint8Array(stream.getBuffer()));
}

/**
 * `file` (read from `header`, then de-identified) written as a Part 10 header: preamble, meta
 * group and data set, the unchanged elements copied from `header` (`elements`: where each lies
 * there, from pixelDataStart), the others encoded by elementWrite, or by dcmjs where it does not
 * encode them. Falls back to dcmjs's whole write for a syntax it does not walk.
 */
export function writtenHeader(file: Part10File, header: Uint8Array, elements: ReadonlyMap<string, ElementSpan>, asRead: ElementsAsRead, paths?: WritePaths): Uint8Array<ArrayBuffer> {
  const syntax = syntaxOf(file);
  if (!walkableSyntax(syntax)) return new Uint8Array(file.write());
  const implicit = syntax === IMPLICIT_VR_LITTLE_ENDIAN;
  const out = new GrowingBytes(header.byteLength + 1024);
  if (!encodeMetaGroup(out, file.meta)) out.copy(new Uint8Array(new dcmjs.data.DicomDict(file.meta).write()));
  for (const tag of Object.keys(file.dict).sort()) {
    const element = file.dict[tag] as DcmjsElement;
    const span = elements.get(tag);
    if (passedOn(tag, element, asRead, span, header)) {
      out.copy(header.subarray(span.start, span.end));
      if (paths) paths.passedOn++;
    } else if (encodeElement(out, tag, element, implicit)) {
      if (paths) paths.encoded++;
    } else {
      writtenByDcmjs(out, tag, element, syntax);
      if (paths) paths.dcmjs++;
    }
  }
  return out.written();
}
