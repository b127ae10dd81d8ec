/**
 * The files of what was dropped on the page, folders walked through (`webkitGetAsEntry`, the one
 * way a browser hands over a dropped folder), each named by its path under the dropped item as
 * `webkitRelativePath` names a chosen folder's files ("folder/sub/img1.jpg").
 */
export async function droppedFiles(items: DataTransferItemList): Promise<{ readonly name: string; readonly file: File }[]> {
  // Entries are taken at once: the list empties when the drop event ends.
  const entries = Array.from(items, (item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  const found: { name: string; file: File }[] = [];
  for (const entry of entries) await walk(entry, found);
  return found;
}

async function walk(entry: FileSystemEntry, found: { name: string; file: File }[]): Promise<void> {
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    found.push({ name: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  if (!isDirectory(entry)) return;
  const reader = entry.createReader();
  // readEntries answers in batches (100 in Chromium) until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, found);
  }
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

/** A JPEG or PNG still by its name: what a folder upload of stills sends (a folder also holds thumbs.db, notes…). */
export const isStillName = (name: string): boolean => /\.(jpe?g|png)$/i.test(name);
