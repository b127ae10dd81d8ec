/**
 * The slide readers, by the format the import router tells (server/import/route.ts). A format
 * without a reader here stays refused as a whole-slide image. DICOM WSI is not opened file by file:
 * its instances are gathered by the importer and grouped into slides (importDicomWsi.ts).
 */
import type { SlideFormat } from '../import/route';
import type { SlideReader } from './pyramidWriter';
import { openTiffSlide } from './tiffReader';

/** Opens the slide at a local path, `tmpDir` the work folder of its tools; throws SlideRefusal for a file it will not take. */
export type SlideOpener = (path: string, tmpDir: string) => Promise<SlideReader>;

export const SLIDE_READERS: Readonly<Partial<Record<SlideFormat, SlideOpener>>> = {
  tiff: (path, tmpDir) => openTiffSlide(path, tmpDir),
};
