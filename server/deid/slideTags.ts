/**
 * What in a TIFF-family slide identifies a patient, a case or a site, and how to tell that a
 * de-identified slide holds none of it. Read with geotiff (tags only, no pixels).
 *
 * Removed from a slide under a `required` policy, and why (Make and Model are written back as short
 * names: keptSlideMetadata.ts):
 * - the associated images OpenSlide lists (label: the glass label, handwritten or printed with the
 *   patient's name, case number and barcode; macro/overview: a photograph of the whole glass,
 *   label included; thumbnail: on some scanners a downscaled macro, so it may show the label too);
 * - ImageDescription (270): Aperio's `|key = value` fields (Filename, Date, Time, User, ScanScope
 *   ID, ImageID, Barcode), an OME-XML's names and acquisition dates, a generic writer's free text;
 * - DocumentName (269) and PageName (285): often the scanned file's name, i.e. the case number;
 * - DateTime (306): the scan date; Artist (315): the operator; HostComputer (316), Make (271),
 *   Model (272), Software (305): the scanner and site (device identity);
 * - Copyright (33432), XMP (700), IPTC (33723), Photoshop (34377), the EXIF and GPS directories
 *   (34665, 34853): free text and dates of any kind;
 * - Hamamatsu NDPI's private tags (65420–65480): Reference (65427, the slide's case reference),
 *   the scanner serial number (65442), the property map (65449: creation and update dates) and
 *   the stage offsets of the scan.
 * - an OME-TIFF's OME-XML (in ImageDescription): names, dates, descriptions, annotations, the
 *   instrument's serial numbers, the file's own name; and its other series (label, macro).
 * What stays: the pyramid's pixels, the pixel size, and where the file says them, the objective
 * power and the scanner's make and model (keptSlideMetadata.ts: in Aperio's form and TIFF Make and
 * Model, or in a minimal OME-XML).
 */
import type { ImageFileDirectory } from 'geotiff';
import { tiffDirectories } from './tiffDirectories';

/** TIFF tags a de-identified slide may carry: how its pixels are laid out, nothing else. */
const STRUCTURAL_TAGS: ReadonlySet<number> = new Set([
  254, // NewSubfileType
  256, // ImageWidth
  257, // ImageLength
  258, // BitsPerSample
  259, // Compression
  262, // PhotometricInterpretation
  273, // StripOffsets
  274, // Orientation
  277, // SamplesPerPixel
  278, // RowsPerStrip
  279, // StripByteCounts
  282, // XResolution
  283, // YResolution
  284, // PlanarConfiguration
  296, // ResolutionUnit
  317, // Predictor
  322, // TileWidth
  323, // TileLength
  324, // TileOffsets
  325, // TileByteCounts
  330, // SubIFDs (an OME-TIFF's reduced levels)
  338, // ExtraSamples
  339, // SampleFormat
  347, // JPEGTables
  530, // YCbCrSubSampling
  531, // YCbCrPositioning
  532, // ReferenceBlackWhite
]);

/** Tags that carry identity, by name for the report (their values are never read out). */
const IDENTIFYING_TAGS: Readonly<Record<number, string>> = {
  269: 'DocumentName',
  270: 'ImageDescription',
  271: 'Make',
  272: 'Model',
  285: 'PageName',
  305: 'Software',
  306: 'DateTime',
  315: 'Artist',
  316: 'HostComputer',
  700: 'XMP',
  33432: 'Copyright',
  33723: 'IPTC',
  34377: 'Photoshop',
  34665: 'ExifIFD',
  34853: 'GPSInfo',
  65427: 'NdpiReference',
  65442: 'NdpiScannerSerialNumber',
  65449: 'NdpiPropertyMap',
};

/** NDPI's private tags, all dropped; those with identity are named in IDENTIFYING_TAGS. */
const NDPI_PRIVATE_TAGS = { first: 65420, last: 65480 };

/**
 * Vendor fields (OpenSlide property names) that carry identity: the scan's file name, date, time,
 * operator, device serial, image and barcode ids. The report names these; other vendor fields are
 * counted, not named, since a crafted file's field names could themselves be identifying.
 */
export const IDENTIFYING_VENDOR_FIELDS: readonly string[] = [
  'aperio.Filename',
  'aperio.Date',
  'aperio.Time',
  'aperio.User',
  'aperio.ScanScope ID',
  'aperio.ImageID',
  'aperio.Barcode',
  'aperio.Title',
  'hamamatsu.Reference',
  'hamamatsu.Created',
  'hamamatsu.Updated',
  'hamamatsu.SerialNumber',
  'leica.barcode',
  'leica.device-model',
  'leica.device-version',
  'leica.creation-date',
  'philips.DICOM_PATIENT_NAME',
  'philips.DICOM_ACQUISITION_DATETIME',
  'philips.DICOM_BARCODE',
  'philips.DICOM_DEVICE_SERIAL_NUMBER',
  'ventana.Barcode1D',
  'ventana.Barcode2D',
  'ventana.UnitNumber',
  'ventana.UserName',
];

/** The tag numbers of each image directory: each top-level one in file order, followed by its SubIFDs. */
export async function tiffTagsOf(path: string): Promise<number[][]> {
  const { topLevel, at } = await tiffDirectories(path);
  const directories: number[][] = [];
  for (const { directory, subIfds } of topLevel) {
    directories.push(tagsOf(directory));
    for (const offset of subIfds) directories.push(tagsOf(await at(offset)));
  }
  return directories;
}

function tagsOf({ actualizedFields, deferredFields, deferredArrays }: ImageFileDirectory): number[] {
  const tags = new Set<number>();
  for (const map of [actualizedFields, deferredFields, deferredArrays]) for (const key of map.keys()) if (typeof key === 'number') tags.add(key);
  return [...tags].sort((a, b) => a - b);
}

/** The values of some ASCII tags of the first directory, as written (for a check that they are what de-identification wrote). */
export async function firstTextTagsOf(path: string, tags: readonly number[]): Promise<Map<number, string>> {
  const [first] = (await tiffDirectories(path)).topLevel;
  const values = new Map<number, string>();
  for (const tag of tags) {
    const value: unknown = first?.directory.hasTag(tag) ? await first.directory.loadValue(tag) : undefined;
    if (typeof value === 'string') values.set(tag, value.replace(/\0+$/, ''));
  }
  return values;
}

/** The names of the identifying tags in any directory, each once, in tag order. */
export function identifyingTagNames(directories: readonly (readonly number[])[]): string[] {
  const found = new Set<number>();
  for (const tags of directories) for (const tag of tags) if (tag in IDENTIFYING_TAGS || isNdpiPrivate(tag)) found.add(tag);
  return [...found].sort((a, b) => a - b).map((tag) => IDENTIFYING_TAGS[tag] ?? `NdpiPrivate${tag}`);
}

/**
 * Tags outside the structural set, and outside `written` (those de-identification wrote itself, on
 * the first directory only): what a de-identified slide must not have.
 */
export function nonStructuralTags(directories: readonly (readonly number[])[], written: ReadonlySet<number> = new Set()): number[] {
  const left = directories.flatMap((tags, index) => tags.filter((tag) => !STRUCTURAL_TAGS.has(tag) && !(index === 0 && written.has(tag))));
  return [...new Set(left)].sort((a, b) => a - b);
}

function isNdpiPrivate(tag: number): boolean {
  return tag >= NDPI_PRIVATE_TAGS.first && tag <= NDPI_PRIVATE_TAGS.last;
}
