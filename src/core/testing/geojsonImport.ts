/** Runs the GeoJSON reader to its end, as the worker would, for tests. */
import { importGeoJson, type ImportedOutline, type ImportEvent, type ImportOutcome, type SlideSize } from '../exchange/geojsonImport';

export function readAll(text: string, slide: SlideSize, chunkSize?: number): { events: ImportEvent[]; outlines: ImportedOutline[]; outcome: ImportOutcome } {
  const events: ImportEvent[] = [];
  const steps = importGeoJson(text, slide, chunkSize);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      const outlines = events.flatMap((e) => (e.type === 'outlines' ? e.outlines : []));
      return { events, outlines, outcome: step.value };
    }
    events.push(step.value);
  }
}
