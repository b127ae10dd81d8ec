/**
 * `tsx bench/support/putAll.ts <folder> <data dir>`: puts every file of a folder into a fresh blob
 * store, one after another (read, SHA-256, fsync, rename). The floor of keeping originals, run
 * as its own process like the importer it is compared with.
 */
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { blobStoreIn } from '../../server/blobs/diskBlobStore';

const [folder, data] = process.argv.slice(2);
if (!folder || !data) throw new Error('usage: putAll.ts <folder> <data dir>');
const blobs = blobStoreIn(data);
for (const name of readdirSync(folder).sort()) await blobs.put(createReadStream(join(folder, name)));
