/**
 * A document's outlines as the GeoJSON FeatureCollection QuPath 0.4/0.5 writes and reads: one
 * annotation Feature per live shape (rejected proposals stay out), its class by English name and
 * colour; a model's proposal also carries its provenance. O(document) by nature, like any export.
 */
import { isLive, type AnnotationRecord } from '../annotation';
import type { Coding, LabelClass, LabelSet } from '../labelSet';
import { exportedProvenance } from './exportedProvenance';
import { toGeoJsonGeometry, type QuPathClassification, type QuPathFeature, type QuPathFeatureCollection } from './geojson';
import { exportFileName } from './fileName';

const UNKNOWN_COLOR: QuPathClassification['color'] = [127, 127, 127];

/** `#rrggbb` as QuPath's [r, g, b]. */
export function rgbOf(color: string): QuPathClassification['color'] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return UNKNOWN_COLOR;
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

function classificationOf(labelClass: LabelClass | undefined, code: string): QuPathClassification {
  return labelClass ? { name: labelClass.name.en, color: rgbOf(labelClass.color) } : { name: code, color: UNKNOWN_COLOR };
}

/** The properties every feature of one class shares, made once per class. */
interface ClassProperties {
  readonly classification: QuPathClassification;
  readonly classCode: string;
  readonly coding?: Coding;
}

export function exportGeoJson(records: Iterable<AnnotationRecord>, labelSet: LabelSet): QuPathFeatureCollection {
  const classes = new Map<string, ClassProperties>();
  const classProperties = (questionId: string, code: string): ClassProperties => {
    const key = `${questionId}\u0000${code}`;
    let found = classes.get(key);
    if (!found) {
      const labelClass = labelSet.questions.find((q) => q.id === questionId)?.classes.find((c) => c.code === code);
      found = { classification: classificationOf(labelClass, code), classCode: code, ...(labelClass?.coding ? { coding: labelClass.coding } : {}) };
      classes.set(key, found);
    }
    return found;
  };
  const features: QuPathFeature[] = [];
  for (const record of records) {
    if (record.type !== 'shape' || !isLive(record)) continue;
    const provenance = exportedProvenance(record.provenance);
    features.push({
      type: 'Feature',
      id: record.id,
      geometry: toGeoJsonGeometry(record.geometry),
      properties: { objectType: 'annotation', ...classProperties(record.questionId, record.classCode), isLocked: false, ...(provenance ? { provenance } : {}) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The file name of an item's export: its title, without characters file systems refuse. */
export function geoJsonFileName(title: string): string {
  return exportFileName(title, 'annotations', '.geojson');
}
