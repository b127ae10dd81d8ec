/**
 * Reading a GeoJSON file of outlines (QuPath 0.2–0.5, GDAL, our own export) for one slide. It runs
 * step by step, as a generator, so a worker can post progress and outlines as they come and stop
 * between steps when cancelled; tests drive it directly. Class names are read, not matched: the
 * caller matches them to the label set (see classMatch.ts). Measurements and other properties are
 * ignored. A file is refused whole when it is not JSON, not GeoJSON, holds no outline, or has an
 * outline outside the slide (a file of another slide, or coordinates in µm).
 */
import type { Geometry } from '../annotation';
import { geometryBounds, type Box } from '../bounds';
import type { SourceClass } from './classMatch';
import { readGeometry, type GeometrySkip } from './readGeometry';

/** The slide outlines are imported onto: its level-0 size in px. */
export interface SlideSize {
  readonly width: number;
  readonly height: number;
}

/** One outline read from the file, with the class name it carried (null: none). */
export interface ImportedOutline {
  readonly sourceClass: string | null;
  readonly geometry: Geometry;
}

/** Why a feature was left out; `notAFeature`: an entry of the list that is no GeoJSON Feature. */
export type FeatureSkip = GeometrySkip | 'notAFeature';

export type ImportRefusal =
  | { readonly kind: 'notJson'; readonly detail: string }
  | { readonly kind: 'notGeoJson' }
  | { readonly kind: 'noOutlines'; readonly features: number }
  | { readonly kind: 'outsideSlide'; readonly count: number; readonly example: Box; readonly slide: SlideSize };

export interface ImportReport {
  readonly features: number;
  readonly outlines: number;
  /** Class names in order of first appearance, with their outline counts. */
  readonly classes: readonly SourceClass[];
  /** Features left out, per reason. */
  readonly skipped: Readonly<Partial<Record<FeatureSkip, number>>>;
  /** Features kept with an outline simplified to fit the vertex limit of one record. */
  readonly simplified: number;
}

export type ImportOutcome = { readonly ok: true; readonly report: ImportReport } | { readonly ok: false; readonly refusal: ImportRefusal };

export type ImportEvent =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'outlines'; readonly outlines: readonly ImportedOutline[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The file's features: of a FeatureCollection, one Feature, or a bare list (QuPath's older export). */
function featuresOf(json: unknown): readonly unknown[] | null {
  if (Array.isArray(json)) return json.some((x) => isObject(x) && x.type === 'Feature') || json.length === 0 ? json : null;
  if (!isObject(json)) return null;
  if (json.type === 'FeatureCollection') return Array.isArray(json.features) ? json.features : null;
  if (json.type === 'Feature') return [json];
  return null;
}

/**
 * The class name of a feature: QuPath's `classification.name` (0.4+ with `color`, 0.2–0.3 with
 * `colorRGB`), a derived class's `names` joined as QuPath shows them, or a plain string (what GDAL
 * writes from a flat column).
 */
export function classNameOf(feature: Record<string, unknown>): string | null {
  const properties = feature.properties;
  if (!isObject(properties)) return null;
  const c = properties.classification;
  let name: unknown = c;
  if (isObject(c)) name = typeof c.name === 'string' ? c.name : Array.isArray(c.names) ? c.names.filter((n) => typeof n === 'string').join(': ') : null;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

function outside(box: Box, slide: SlideSize): boolean {
  return box.minX < 0 || box.minY < 0 || box.maxX > slide.width || box.maxY > slide.height;
}

/**
 * Reads `text` for a slide of `slide` size: yields progress every `chunkSize` features and the
 * outlines read so far in chunks of about `chunkSize`; returns the report, or the refusal (then
 * the outlines yielded are to be dropped).
 */
export function* importGeoJson(text: string, slide: SlideSize, chunkSize = 2_000): Generator<ImportEvent, ImportOutcome, void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, refusal: { kind: 'notJson', detail: error instanceof Error ? error.message : String(error) } };
  }
  const features = featuresOf(json);
  if (!features) return { ok: false, refusal: { kind: 'notGeoJson' } };

  const total = features.length;
  const classes = new Map<string | null, number>();
  const skipped: Partial<Record<FeatureSkip, number>> = {};
  let outlines = 0;
  let simplified = 0;
  let outsideCount = 0;
  let example: Box | null = null;
  let chunk: ImportedOutline[] = [];
  for (let i = 0; i < total; i += 1) {
    const feature = features[i];
    const read = isObject(feature) && feature.type === 'Feature' ? readGeometry(feature.geometry) : ({ ok: false, skip: 'notAFeature' } as const);
    if (!read.ok) skipped[read.skip] = (skipped[read.skip] ?? 0) + 1;
    else {
      if (read.simplified) simplified += 1;
      const sourceClass = classNameOf(feature as Record<string, unknown>);
      for (const geometry of read.geometries) {
        const box = geometryBounds(geometry);
        if (outside(box, slide)) {
          outsideCount += 1;
          example ??= box;
          continue;
        }
        chunk.push({ sourceClass, geometry });
        outlines += 1;
        classes.set(sourceClass, (classes.get(sourceClass) ?? 0) + 1);
      }
    }
    if (chunk.length >= chunkSize) {
      yield { type: 'outlines', outlines: chunk };
      chunk = [];
    }
    if ((i + 1) % chunkSize === 0 || i + 1 === total) yield { type: 'progress', done: i + 1, total };
  }
  if (chunk.length > 0) yield { type: 'outlines', outlines: chunk };

  if (example) return { ok: false, refusal: { kind: 'outsideSlide', count: outsideCount, example, slide } };
  if (outlines === 0) return { ok: false, refusal: { kind: 'noOutlines', features: total } };
  const report: ImportReport = { features: total, outlines, classes: [...classes].map(([name, count]) => ({ name, count })), skipped, simplified };
  return { ok: true, report };
}
