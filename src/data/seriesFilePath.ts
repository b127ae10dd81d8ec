/**
 * Path of one DICOM file of a series: what the API client asks for, the key the page keeps it
 * under offline (offline/keptFiles.ts, with the origin), and what the early boot script asks for
 * ahead of the app (src/early/earlyBoot.ts) so the client takes that answer. A module of its own:
 * the early boot script needs it without the API client.
 */
export function seriesFilePath(itemId: string, fileId: string): string {
  return `/api/items/${encodeURIComponent(itemId)}/files/${encodeURIComponent(fileId)}`;
}
