import type { ComponentType } from 'react';
import { useT } from '../i18n';
import { lazyChunk } from '../viewer/lazyChunk';
import { useLazyChunk } from '../viewer/useLazyChunk';

/**
 * A screen whose code loads when it is first shown, so the pages a reader opens first (lists, an
 * item) do not parse it: the entry script is parsed and compiled, cold, before anything else runs
 * (the dashboard's chart.js alone was a seventh of it).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const chunk = lazyChunk(load);
  return function LazyScreen(props: P) {
    const t = useT();
    const { module: Screen, failed, retry } = useLazyChunk(chunk);
    if (Screen) return <Screen {...props} />;
    return (
      <main className="page" data-testid="screen-loading">
        {failed ? (
          <p className="error" role="alert">
            {t('screen.chunkError')}{' '}
            <button type="button" onClick={retry}>
              {t('screen.retry')}
            </button>
          </p>
        ) : (
          <p className="status-line" role="status">
            {t('common.loading')}
          </p>
        )}
      </main>
    );
  };
}
