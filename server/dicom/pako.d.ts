/** The part of pako 2 (streaming zlib in plain JavaScript) the importer uses; pako ships no types. */
declare module 'pako' {
  export interface InflateOptions {
    /** Raw DEFLATE, no zlib header (as DICOM's deflated transfer syntaxes store it). */
    raw?: boolean;
    /** Bytes of output handed to onData at a time. */
    chunkSize?: number;
  }
  export class Inflate {
    constructor(options?: InflateOptions);
    /** Inflates `data`; `true` marks the last piece. False once the stream failed. */
    push(data: Uint8Array, final: boolean): boolean;
    /** Called with each piece of output (a view valid until the next call). */
    onData(chunk: Uint8Array): void;
    /** zlib status: 0 when fine. */
    err: number;
    msg: string;
    /** True once the stream's end was reached (or it failed). */
    ended: boolean;
  }
}
