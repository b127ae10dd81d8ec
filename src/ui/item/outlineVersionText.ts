/**
 * What a conflict row says of one version of an outline besides its class: how it differs from the
 * version both devices started from (or from the other version), and its area — in µm and µm² when
 * the slide records its µm per pixel, else in px and px².
 */
import type { Geometry } from '../../core/annotation';
import { geometryArea } from '../../core/geometry/measure';
import { outlineChange } from '../../core/geometry/outlineChange';
import type { Translate } from '../../i18n';
import { areaText } from '../../viewer/slide/annotation/selectionFacts';

const AREA_UNITS = { um2: 'µm²', mm2: 'mm²', px2: 'px²' } as const;

function usable(micronsPerPixel: readonly [number, number] | null): micronsPerPixel is readonly [number, number] {
  return micronsPerPixel !== null && micronsPerPixel[0] > 0 && micronsPerPixel[1] > 0;
}

/** A distance of (dx, dy) image px, in µm where the slide says how large a pixel is. */
function distanceText(dx: number, dy: number, micronsPerPixel: readonly [number, number] | null): string {
  const [value, unit] = usable(micronsPerPixel) ? [Math.hypot(dx * micronsPerPixel[0], dy * micronsPerPixel[1]), 'µm'] : [Math.hypot(dx, dy), 'px'];
  // Tenths only where they tell something (a nudge of a few µm).
  const digits = value < 10 ? 1 : 0;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** "moved by 250 µm · area 1,234 µm²", "3 vertices changed · area …", or just the area. */
export function outlineVersionText(t: Translate, version: Geometry, reference: Geometry | null, micronsPerPixel: readonly [number, number] | null): string {
  const parts: string[] = [];
  const change = reference ? outlineChange(reference, version) : { kind: 'same' as const };
  if (change.kind === 'moved') parts.push(t('conflict.outline.moved', { distance: distanceText(change.dx, change.dy, micronsPerPixel) }));
  if (change.kind === 'reshaped') parts.push(t(change.vertices === 1 ? 'conflict.outline.vertexChanged' : 'conflict.outline.verticesChanged', { count: change.vertices }));
  const area = geometryArea(version);
  if (area > 0) {
    const { value, unit } = areaText(area, usable(micronsPerPixel) ? micronsPerPixel : null);
    parts.push(t('conflict.outline.area', { area: `${value} ${AREA_UNITS[unit]}` }));
  }
  return parts.join(' · ');
}
