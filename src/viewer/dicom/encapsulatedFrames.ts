/**
 * Frames of encapsulated pixel data whose Basic Offset Table is empty and whose frames span
 * several fragments: each frame's codestream begins with a start marker (JPEG SOI FF D8 FF,
 * JPEG 2000 SOC FF 4F FF 51), so a fragment that begins with one starts the next frame, as
 * dicom-parser's createJPEGBasicOffsetTable and GDCM find them.
 */

function startsFrame(fragment: Uint8Array): boolean {
  const [a, b, c, d] = fragment;
  const jpeg = a === 0xff && b === 0xd8 && c === 0xff;
  const j2k = a === 0xff && b === 0x4f && c === 0xff && d === 0x51;
  return jpeg || j2k;
}

/**
 * The fragments grouped into `frames` frames, or null when the markers do not give exactly that
 * many (the file is then left to the loader as it is).
 */
export function groupFragmentsByMarkers(fragments: readonly Uint8Array[], frames: number): Uint8Array[][] | null {
  if (fragments.length === 0 || !startsFrame(fragments[0]!)) return null;
  const groups: Uint8Array[][] = [];
  for (const fragment of fragments) {
    if (startsFrame(fragment)) groups.push([fragment]);
    else groups.at(-1)!.push(fragment);
  }
  return groups.length === frames ? groups : null;
}
