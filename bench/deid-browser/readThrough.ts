/** Reads a body through as a send would, holding one chunk at a time; its byte count. */
export async function readThrough(body: Blob): Promise<number> {
  let bytes = 0;
  const reader = body.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return bytes;
}
