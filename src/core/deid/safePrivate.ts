/**
 * The safe-list of the Retain Safe Private option: private attributes known to hold no identity,
 * from PS3.15 Table E.3.10-1, named by their private creator and element offset (the low byte;
 * the block the creator reserved gives the middle byte).
 */
export interface SafePrivateAttribute {
  /** Odd group, 4 upper-case hex digits. */
  readonly group: string;
  readonly creator: string;
  /** The element's low byte, 2 upper-case hex digits. */
  readonly offset: string;
  readonly meaning: string;
}

export const SAFE_PRIVATE: readonly SafePrivateAttribute[] = [
  { group: '0019', creator: 'SIEMENS MR HEADER', offset: '0C', meaning: 'B value' },
  { group: '0019', creator: 'SIEMENS MR HEADER', offset: '0D', meaning: 'Diffusion directionality' },
  { group: '0019', creator: 'SIEMENS MR HEADER', offset: '0E', meaning: 'Diffusion gradient direction' },
  { group: '0019', creator: 'SIEMENS MR HEADER', offset: '27', meaning: 'B matrix' },
  { group: '0043', creator: 'GEMS_PARM_01', offset: '39', meaning: 'Diffusion b value (slop_int_6…9)' },
  { group: '2001', creator: 'Philips Imaging DD 001', offset: '03', meaning: 'Diffusion B-factor' },
  { group: '2005', creator: 'Philips MR Imaging DD 001', offset: '0D', meaning: 'Scale intercept' },
  { group: '2005', creator: 'Philips MR Imaging DD 001', offset: '0E', meaning: 'Scale slope' },
];

/** Whether a private attribute (tag as 8 hex digits) under `creator` is on the safe-list. */
export function isSafePrivate(tag: string, creator: string | undefined): boolean {
  if (creator === undefined) return false;
  const group = tag.slice(0, 4);
  const offset = tag.slice(6, 8);
  return SAFE_PRIVATE.some((safe) => safe.group === group && safe.offset === offset && safe.creator === creator.trim());
}

/** Whether a private creator of `group` owns any safe-listed attribute. */
export function isSafeCreator(group: string, creator: string | undefined): boolean {
  return creator !== undefined && SAFE_PRIVATE.some((safe) => safe.group === group && safe.creator === creator.trim());
}
