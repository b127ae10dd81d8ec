/**
 * A PHI-laden pyramidal OME-TIFF for tests, as a scanner's OME-TIFF 6 export lays it out: the IHC
 * sample as a tiled JPEG pyramid whose reduced levels are SubIFDs of level 0 (Debian's vips,
 * `tiffsave --subifd`), then a label image as a second top-level image (the second series), a
 * one-strip JPEG whose comment holds the label's text. The first directory is rewritten (appended,
 * the header pointing at it) with an OME-XML carrying PHI where OME-TIFF writers put it (the
 * image's name, acquisition date, description, experimenter, instrument serial number, file name,
 * StructuredAnnotations) beside what a de-identified copy keeps, and PHI in DateTime and Artist.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { TIFF_TYPE, appendDirectory, appended, assertLittleEndianClassic, directoryAt } from './classicTiff';
import { pathologySample } from './sampleData';

/** What the fixture says of its scan: what a de-identified copy must still say. */
export const PHI_OME_SCAN = {
  width: 512,
  height: 512,
  /** Level 0 and two SubIFD levels of 128 px tiles. */
  levels: 3,
  micronsPerPixel: [0.2265, 0.2271],
  objectivePower: 40,
  manufacturer: 'Hamamatsu',
  model: 'NanoZoomer S360',
  /** The label photo is a plain orange no tissue has. */
  labelColour: [250, 140, 20],
  labelSize: { width: 240, height: 120 },
} as const;

const FILE_NAME = 'PHIFAMILY_PHIGIVEN.ome.tif';
const IMAGE_DESCRIPTION = 270;

function phiOmeXml(): string {
  const { micronsPerPixel: [x, y], objectivePower, manufacturer, model, labelSize } = PHI_OME_SCAN;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" Creator="PHISTATION slide export" UUID="urn:uuid:1.2.826.0.1.3680043.10.777.1">' +
    '<Experimenter ID="Experimenter:0" FirstName="PHIGIVEN" LastName="PHIFAMILY" Institution="PHI Memorial Hospital"/>' +
    `<Instrument ID="Instrument:0"><Microscope Manufacturer="${manufacturer}" Model="${model}" SerialNumber="PHISTATION-0042"/>` +
    `<Objective ID="Objective:0:0" NominalMagnification="${objectivePower}" LensNA="0.75" SerialNumber="PHIOTHERID"/></Instrument>` +
    `<Image ID="Image:0" Name="PHIFAMILY_PHIGIVEN"><AcquisitionDate>1945-08-17T10:00:00</AcquisitionDate><ExperimenterRef ID="Experimenter:0"/>` +
    '<Description>PHIID-4711 19450817, accession PHIACC-0099, read by PHIDOCTOR</Description><InstrumentRef ID="Instrument:0"/><ObjectiveSettings ID="Objective:0:0"/>' +
    `<Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint8" Interleaved="true" SizeX="512" SizeY="512" SizeC="3" SizeZ="1" SizeT="1" PhysicalSizeX="${x}" PhysicalSizeXUnit="µm" PhysicalSizeY="${y}" PhysicalSizeYUnit="µm">` +
    `<Channel ID="Channel:0:0" SamplesPerPixel="3"/><TiffData IFD="0" PlaneCount="1"><UUID FileName="${FILE_NAME}">urn:uuid:1.2.826.0.1.3680043.10.777.2</UUID></TiffData></Pixels></Image>` +
    `<Image ID="Image:1" Name="label PHIACC-0099"><Pixels ID="Pixels:1" DimensionOrder="XYCZT" Type="uint8" Interleaved="true" SizeX="${labelSize.width}" SizeY="${labelSize.height}" SizeC="3" SizeZ="1" SizeT="1">` +
    '<Channel ID="Channel:1:0" SamplesPerPixel="3"/><TiffData IFD="1" PlaneCount="1"/></Pixels></Image>' +
    '<StructuredAnnotations><MapAnnotation ID="Annotation:0"><Value><M K="Patient">PHIFAMILY^PHIGIVEN</M><M K="Barcode">PHIACC-0099</M><M K="Operator">PHIOPERATOR</M></Value></MapAnnotation></StructuredAnnotations>' +
    '</OME>'
  );
}

/** The label photo: plain orange, its printed text in a JPEG comment (as a scanner's barcode reader would have it). */
async function labelJpeg(): Promise<Buffer> {
  const { labelSize, labelColour: [r, g, b] } = PHI_OME_SCAN;
  const jpeg = await sharp({ create: { ...labelSize, channels: 3, background: { r, g, b } } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const text = Buffer.from('PHIFAMILY PHIGIVEN PHIID-4711 PHIACC-0099', 'latin1');
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), comment, text, jpeg.subarray(2)]);
}

/**
 * Writes `PHIFAMILY_PHIGIVEN.ome.tif` into `dir` (the name is PHI too) and returns its path. Its
 * tiles are JPEG, or WebP: a compression a de-identified copy does not pass on as it is.
 */
export async function makePhiOmeTiff(dir: string, compression: 'jpeg' | 'webp' = 'jpeg'): Promise<string> {
  const pyramid = join(dir, 'ome-pyramid.tif');
  // Loading sharp points VIPSHOME at its own libvips; Debian's vips wants its own modules.
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  execFileSync('vips', ['tiffsave', pathologySample('ihc_colon_dab_hematoxylin.png'), pyramid, '--tile', '--pyramid', '--subifd', '--compression', compression, '--Q', '90', '--tile-width', '128', '--tile-height', '128'], { env });
  const vipsFile = readFileSync(pyramid);
  assertLittleEndianClassic(vipsFile, 'the vips pyramid');

  const label = await labelJpeg();
  const strip = appended(vipsFile, label);
  const { width, height } = PHI_OME_SCAN.labelSize;
  const labelDirectory = appendDirectory(
    strip.file,
    new Map([
      [256, { type: TIFF_TYPE.long, values: [width] }],
      [257, { type: TIFF_TYPE.long, values: [height] }],
      [258, { type: TIFF_TYPE.short, values: [8, 8, 8] }],
      [259, { type: TIFF_TYPE.short, values: [7] }], // JPEG
      [262, { type: TIFF_TYPE.short, values: [6] }], // YCbCr
      [273, { type: TIFF_TYPE.long, values: [strip.at] }],
      [277, { type: TIFF_TYPE.short, values: [3] }],
      [278, { type: TIFF_TYPE.long, values: [height] }],
      [279, { type: TIFF_TYPE.long, values: [label.length] }],
    ]),
    0,
  );
  const { entries } = directoryAt(labelDirectory.file, labelDirectory.file.readUInt32LE(4));
  entries.set(IMAGE_DESCRIPTION, phiOmeXml());
  entries.set(269, FILE_NAME); // DocumentName
  entries.set(306, '1945:08:17 10:00:00'); // DateTime
  entries.set(315, 'PHIOPERATOR'); // Artist
  const first = appendDirectory(labelDirectory.file, entries, labelDirectory.at);
  first.file.writeUInt32LE(first.at, 4);
  const path = join(dir, FILE_NAME);
  writeFileSync(path, first.file);
  return path;
}
