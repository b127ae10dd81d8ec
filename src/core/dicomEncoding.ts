/**
 * How a little-endian DICOM Part 10 file lays out its bytes (PS3.10 7.1, PS3.5 7): the constants
 * the byte-level readers share, so a walker that finds Pixel Data and one that rewrites elements
 * agree on what a header, an item and a delimiter are.
 */

/** The preamble, then "DICM", then the File Meta group. */
export const PREAMBLE_LENGTH = 128;
export const META_START = PREAMBLE_LENGTH + 4;

/** Explicit VR: these have two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
export const LONG_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const UNDEFINED_LENGTH = 0xffffffff;

/** Tags as (group << 16) | element. */
export const TRANSFER_SYNTAX_UID_TAG = 0x00020010;
export const PIXEL_DATA_TAG = 0x7fe00010;
export const ITEM_TAG = 0xfffee000;
export const ITEM_DELIMITER_TAG = 0xfffee00d;
export const SEQUENCE_DELIMITER_TAG = 0xfffee0dd;

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

/** The tag of the element header at `offset`, as (group << 16) | element (group first on disk). */
export function tagAt(view: DataView, offset: number): number {
  return ((view.getUint16(offset, true) << 16) | view.getUint16(offset + 2, true)) >>> 0;
}
