import { useT } from '../../i18n';
import type { Measurement } from '../../viewer/measure/measurement';
import { oneDecimal } from '../../viewer/oneDecimal';

function MeasurementValue({ measurement }: { readonly measurement: Measurement }) {
  const t = useT();
  switch (measurement.tool) {
    case 'length':
      return <>{t('measure.length', { value: oneDecimal(measurement.length), unit: measurement.unit })}</>;
    case 'angle':
      return <>{t('measure.angle', { value: oneDecimal(measurement.degrees) })}</>;
    case 'ellipse':
    case 'rectangle':
      return (
        <>
          {t('measure.roi', {
            area: oneDecimal(measurement.area),
            areaUnit: measurement.areaUnit,
            mean: oneDecimal(measurement.mean),
            sd: oneDecimal(measurement.stdDev),
            min: oneDecimal(measurement.min),
            max: oneDecimal(measurement.max),
            unit: measurement.valueUnit,
          })}
        </>
      );
  }
}

/** The session's measurements beside the viewer: reading aids, gone when the item is closed. */
export function MeasurementList({ measurements, onRemove }: { readonly measurements: readonly Measurement[]; readonly onRemove: (uid: string) => void }) {
  const t = useT();
  return (
    <section className="measurement-list" aria-label={t('measure.title')}>
      <h3>{t('measure.title')}</h3>
      {measurements.length === 0 ? (
        <p className="muted small">{t('measure.empty')}</p>
      ) : (
        <ul data-testid="measurement-list">
          {measurements.map((measurement) => (
            <li key={measurement.uid} data-testid={`measurement-${measurement.tool}`} data-slice-index={measurement.sliceIndex} data-stats={JSON.stringify(measurement)}>
              <span className="muted">{t('measure.where', { tool: t(`reading.tool.${measurement.tool}`), n: measurement.sliceIndex + 1 })}</span>{' '}
              <MeasurementValue measurement={measurement} />{' '}
              <button type="button" className="link" onClick={() => onRemove(measurement.uid)}>
                {t('measure.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
