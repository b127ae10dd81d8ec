/** A blob URL lives until the download has surely started reading it. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** Hands `blob` to the browser's download as `fileName` (the user's Downloads, or where they choose). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
}
