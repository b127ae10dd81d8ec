/** The document and each read-only layer, with its outline count and a switch to show or hide it. */
import { useT } from '../../../i18n';
import type { OutlineLayers } from './useOutlineLayers';

/**
 * One formatter for every count: `Number#toLocaleString` builds a new one per call, which took
 * tens of ms a render on the slide's first screen (CPU profile of the wsi-tiles bench).
 */
const COUNT = new Intl.NumberFormat();

export function LayerList({
  documentCount,
  documentVisible,
  onDocument,
  layers,
}: {
  readonly documentCount: number;
  readonly documentVisible: boolean;
  readonly onDocument: () => void;
  readonly layers: OutlineLayers;
}) {
  const t = useT();
  return (
    <section className="slide-annotation-layers" aria-label={t('annotation.layers.label')}>
      <h3>{t('annotation.layers.label')}</h3>
      <ul>
        <li>
          <label>
            <input type="checkbox" data-testid="annotation-layer-document" checked={documentVisible} onChange={onDocument} />
            {t('annotation.layers.document')}
          </label>
          <span className="muted">{t('annotation.layers.count', { count: COUNT.format(documentCount) })}</span>
        </li>
        {layers.layers.map((layer) => (
          <li
            key={layer.summary.id}
            data-testid={`annotation-layer-${layer.summary.id}`}
            data-status={layer.status}
            data-visible={layer.visible}
            data-count={layer.summary.polygonCount}
          >
            <label>
              <input type="checkbox" checked={layer.visible} onChange={() => layers.toggle(layer.summary.id)} />
              {layer.summary.name}
            </label>
            <span className="muted">
              {layer.status === 'loading' ? t('annotation.layers.loading') : t('annotation.layers.count', { count: COUNT.format(layer.summary.polygonCount) })}
            </span>
            {layer.error && (
              <p className="slide-annotation-refusal" role="alert">
                {t('annotation.layers.failed', { reason: layer.error })}
              </p>
            )}
          </li>
        ))}
      </ul>
      {layers.listError && (
        <p className="slide-annotation-refusal" role="alert">
          {t('annotation.layers.listFailed', { reason: layers.listError })}
        </p>
      )}
    </section>
  );
}
