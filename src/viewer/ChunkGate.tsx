import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../i18n';
import type { LazyChunk } from './lazyChunk';
import { useLazyChunk } from './useLazyChunk';

/** What a viewer's fallback says while its chunk loads, when it failed, and on the retry button. */
export interface ChunkMessages {
  readonly loading: MessageKey;
  readonly failed: MessageKey;
  readonly retry: MessageKey;
}

/**
 * Stands in for a code-split viewer until its chunk is there: "loading", or why it is not and a
 * retry. Test ids are `${testIdPrefix}-loading` and `${testIdPrefix}-chunk-error`.
 */
export function ChunkFallback({ failed, onRetry, testIdPrefix, messages }: { readonly failed: boolean; readonly onRetry: () => void; readonly testIdPrefix: string; readonly messages: ChunkMessages }) {
  const t = useT();
  if (failed) {
    return (
      <div className="sv-fallback" data-testid={`${testIdPrefix}-chunk-error`} role="alert">
        <p>{t(messages.failed)}</p>
        <button type="button" onClick={onRetry}>
          {t(messages.retry)}
        </button>
      </div>
    );
  }
  return (
    <div className="sv-fallback" data-testid={`${testIdPrefix}-loading`} role="status">
      {t(messages.loading)}
    </div>
  );
}

/** Renders `children` with the chunk's module once it is evaluated, the fallback until then. */
export function ChunkGate<M>({ chunk, testIdPrefix, messages, children }: { readonly chunk: LazyChunk<M>; readonly testIdPrefix: string; readonly messages: ChunkMessages; readonly children: (module: M) => ReactNode }) {
  const { module, failed, retry } = useLazyChunk(chunk);
  if (!module) return <ChunkFallback failed={failed} onRetry={retry} testIdPrefix={testIdPrefix} messages={messages} />;
  return children(module);
}
