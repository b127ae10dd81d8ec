/** The sentences a pathologist reads after a GeoJSON import: what was added, what was left out and why. */
import type { SourceClass } from '../../core/exchange/classMatch';
import type { FeatureSkip, ImportRefusal, ImportReport } from '../../core/exchange/geojsonImport';
import { RECORD_LIMITS } from '../../core/validation/annotation';
import type { Translate } from '../../i18n';

/** Formats a count for the reader's language (12,345). */
export type CountFormat = (n: number) => string;

const SKIP_KEYS: Readonly<Record<FeatureSkip, Parameters<Translate>[0]>> = {
  noGeometry: 'exchange.skip.noGeometry',
  unsupportedGeometry: 'exchange.skip.unsupportedGeometry',
  badCoordinates: 'exchange.skip.badCoordinates',
  degenerate: 'exchange.skip.degenerate',
  tooManyVertices: 'exchange.skip.tooManyVertices',
  crossesItself: 'exchange.skip.crossesItself',
  notAFeature: 'exchange.skip.notAFeature',
};

/**
 * "12,345 outlines imported, 3 skipped: 2 of class “Stroma”, 1 without an outline.", then how
 * many were simplified to fit, if any.
 */
export function importSummaryText(t: Translate, format: CountFormat, imported: number, report: ImportReport, skippedClasses: readonly SourceClass[]): string {
  const max = format(RECORD_LIMITS.maxVertices);
  const simplified = report.simplified > 0 ? ` ${t('exchange.summary.simplified', { count: format(report.simplified), max })}` : '';
  return outcomeText(t, format, imported, report, skippedClasses) + simplified;
}

function outcomeText(t: Translate, format: CountFormat, imported: number, report: ImportReport, skippedClasses: readonly SourceClass[]): string {
  const reasons: string[] = skippedClasses.map(({ name, count }) =>
    name === null ? t('exchange.skip.unclassified', { count: format(count) }) : t('exchange.skip.class', { count: format(count), name }),
  );
  let skipped = skippedClasses.reduce((sum, c) => sum + c.count, 0);
  for (const [reason, key] of Object.entries(SKIP_KEYS) as [FeatureSkip, Parameters<Translate>[0]][]) {
    const count = report.skipped[reason];
    if (!count) continue;
    skipped += count;
    reasons.push(t(key, { count: format(count), max: format(RECORD_LIMITS.maxVertices) }));
  }
  if (skipped === 0) return t('exchange.summary.imported', { count: format(imported) });
  return t('exchange.summary.importedSkipped', { count: format(imported), skipped: format(skipped), reasons: reasons.join(', ') });
}

export function refusalText(t: Translate, format: CountFormat, refusal: ImportRefusal): string {
  switch (refusal.kind) {
    case 'notJson':
      return t('exchange.refused.notJson');
    case 'notGeoJson':
      return t('exchange.refused.notGeoJson');
    case 'noOutlines':
      return t('exchange.refused.noOutlines', { features: format(refusal.features) });
    case 'outsideSlide': {
      const { example: box, slide } = refusal;
      const px = (n: number) => format(Math.round(n));
      return t('exchange.refused.outsideSlide', {
        count: format(refusal.count),
        width: px(slide.width),
        height: px(slide.height),
        minX: px(box.minX),
        maxX: px(box.maxX),
        minY: px(box.minY),
        maxY: px(box.maxY),
      });
    }
  }
}
