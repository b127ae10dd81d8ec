/**
 * The OME-XML a de-identified OME-TIFF or re-encoded slide carries in its ImageDescription: one
 * Image with its Pixels (sizes, PhysicalSizeX/Y in µm) and TiffData, one Instrument with its
 * Microscope's Manufacturer and Model and its Objective's NominalMagnification. Nothing else: no
 * names, dates, descriptions, annotations, StructuredAnnotations, serial or lot numbers, UUIDs or
 * file names. Every value is a number or a short device name checked by the caller, and escaped.
 *
 * OME-XML, not a vendor's form: it is the one open, documented place a TIFF states the objective's
 * magnification (TIFF itself has no tag for it), and Bio-Formats, QuPath and our reader
 * (server/slides/tiffFacts.ts) all read it.
 */
import type { PixelShape } from './slidePyramid';

export interface KeptScan {
  /** µm per level-0 px, x then y. */
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly objectivePower: number | null;
  readonly manufacturer: string | null;
  readonly model: string | null;
}

const NAMESPACE = 'http://www.openmicroscopy.org/Schemas/OME/2016-06';

export function minimalOmeXml(scan: KeptScan, level0: PixelShape): string {
  const microscopeAttributes = [attribute('Manufacturer', scan.manufacturer), attribute('Model', scan.model)].join('');
  const objective = scan.objectivePower === null ? '' : `<Objective ID="Objective:0:0"${attribute('NominalMagnification', String(scan.objectivePower))}/>`;
  const instrument = microscopeAttributes || objective ? `<Instrument ID="Instrument:0">${microscopeAttributes ? `<Microscope${microscopeAttributes}/>` : ''}${objective}</Instrument>` : '';
  const refs = (instrument ? '<InstrumentRef ID="Instrument:0"/>' : '') + (objective ? '<ObjectiveSettings ID="Objective:0:0"/>' : '');
  const [mppX, mppY] = scan.micronsPerPixel ?? [null, null];
  const physical = mppX === null || mppY === null ? '' : `${attribute('PhysicalSizeX', String(mppX))} PhysicalSizeXUnit="µm"${attribute('PhysicalSizeY', String(mppY))} PhysicalSizeYUnit="µm"`;
  const samples = level0.samplesPerPixel;
  const pixels =
    `<Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="${level0.bitsPerSample > 8 ? 'uint16' : 'uint8'}" Interleaved="true"` +
    ` SizeX="${level0.width}" SizeY="${level0.height}" SizeC="${samples}" SizeZ="1" SizeT="1"${physical}>` +
    `<Channel ID="Channel:0:0" SamplesPerPixel="${samples}"/><TiffData IFD="0" PlaneCount="1"/></Pixels>`;
  return `<?xml version="1.0" encoding="UTF-8"?><OME xmlns="${NAMESPACE}">${instrument}<Image ID="Image:0">${refs}${pixels}</Image></OME>`;
}

/** ` name="value"`, escaped; nothing for no value. */
function attribute(name: string, value: string | null): string {
  if (value === null) return '';
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return ` ${name}="${escaped}"`;
}
