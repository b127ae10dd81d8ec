/** A new DICOM UID under the 2.25 root: a random UUID as one decimal number (PS3.5 B.2). Browser and Node ≥ 19. */
export function newDicomUid(): string {
  const hex = globalThis.crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}
