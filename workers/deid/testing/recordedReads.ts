/**
 * A picked file that records which of its bytes were read, each read as [start, end) of the
 * file, through slices of slices too. Real Blobs (so a Blob made of them holds their bytes), their
 * `slice` and `arrayBuffer` replaced.
 */
export function recordedReads(bytes: Uint8Array<ArrayBuffer>): { readonly file: Blob; readonly reads: (readonly [number, number])[] } {
  const reads: (readonly [number, number])[] = [];
  const recorded = (blob: Blob, offset: number): Blob => {
    const slice = blob.slice.bind(blob);
    const arrayBuffer = blob.arrayBuffer.bind(blob);
    blob.slice = (start = 0, end = blob.size) => recorded(slice(start, end), offset + start);
    blob.arrayBuffer = () => (reads.push([offset, offset + blob.size]), arrayBuffer());
    return blob;
  };
  return { file: recorded(new Blob([bytes]), 0), reads };
}
