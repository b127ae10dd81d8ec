/**
 * The part of dcmjs (Part 10 reading and writing, OHIF/Cornerstone community) that de-identification
 * and the DICOM SEG / RTSTRUCT exchange use; dcmjs ships no types. A data set is a plain object keyed by 8-digit upper-case hex tags.
 */
declare module 'dcmjs' {
  /** A person name as dcmjs reads it (the alphabetic, ideographic and phonetic groups). */
  export interface DcmjsPersonName {
    Alphabetic?: string;
    Ideographic?: string;
    Phonetic?: string;
  }
  /** An item of a sequence: a nested data set. */
  export type DcmjsDataSet = Record<string, DcmjsElement>;
  export interface DcmjsElement {
    vr: string;
    /** Strings, numbers, person names, sequence items, or ArrayBuffers (OB/OW/UN…). */
    Value?: unknown[];
    /** As read from the bytes; dcmjs writes it back when Value was not changed. */
    _rawValue?: unknown;
  }
  export interface DcmjsReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string;
    includeUntilTagValue?: boolean;
  }
  export interface DcmjsWriteOptions {
    allowInvalidVRLength?: boolean;
  }
  export class DicomDict {
    constructor(meta: DcmjsDataSet);
    meta: DcmjsDataSet;
    dict: DcmjsDataSet;
    /** The Part 10 file: preamble, meta group, data set (in the meta's transfer syntax). */
    write(options?: DcmjsWriteOptions): ArrayBuffer;
  }
  /**
   * A data set keyed by attribute keyword (`PatientID`), values bare: one value as itself, several
   * as an array, a sequence as an array of such data sets (dcmjs's "naturalized" form).
   */
  export type DcmjsNaturalDataSet = Record<string, unknown>;
  export interface DcmjsValueRepresentation {
    /** DS and IS only: a value as the text dcmjs writes for it. */
    convertToString(value: unknown): string;
    /** Dates, times and person names: whether dcmjs writes `value` without throwing. */
    checkLength?(value: string): boolean;
  }
  /** dcmjs's growing output buffer. */
  export class WriteBufferStream {
    constructor(defaultSize: number, littleEndian?: boolean);
    /** Bytes written so far. */
    readonly size: number;
    /** A copy of bytes [start, end) written. */
    getBuffer(start?: number, end?: number): ArrayBuffer;
  }
  export const data: {
    DicomMessage: {
      /** Throws on a file that is not Part 10. Strings come decoded; the character set is rewritten to ISO_IR 192 (UTF-8). */
      readFile(buffer: ArrayBuffer, options?: DcmjsReadOptions): DicomDict;
      /** Writes a data set's elements, in tag order, into `stream` in `transferSyntax`; returns the bytes written. */
      write(dataSet: DcmjsDataSet, stream: WriteBufferStream, transferSyntax: string, options?: DcmjsWriteOptions): number;
      /** The values `write` writes for an element: `_rawValue` where the value was not changed, else `Value` (an internal of dcmjs 0.52). */
      _getTagWriteValues(vr: string, element: DcmjsElement): unknown;
    };
    ValueRepresentation: {
      /** dcmjs's representation of a VR: how it formats DS/IS numbers and checks lengths. */
      createByTypeString(vr: string): DcmjsValueRepresentation;
    };
    WriteBufferStream: typeof WriteBufferStream;
    DicomDict: typeof DicomDict;
    DicomMetaDictionary: {
      naturalizeDataset(dataSet: DcmjsDataSet): DcmjsNaturalDataSet;
      /** Keywords it does not know are dropped; VRs come from its dictionary. */
      denaturalizeDataset(dataSet: DcmjsNaturalDataSet): DcmjsDataSet;
    };
  };
  const dcmjs: { data: typeof data };
  export default dcmjs;
}
