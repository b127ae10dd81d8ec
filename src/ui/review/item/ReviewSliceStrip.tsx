/**
 * Every slice at a glance for the reviewer: one column per slice with a bar per shown reader
 * (their class colour), slices where the handed-in readers differ marked, and a dot on slices
 * with comment threads. A click goes to the slice.
 */
import { useLanguage, useT } from '../../../i18n';
import { cellBackground } from '../../item/labelColors';
import type { ReaderWork } from './readerWork';

export function ReviewSliceStrip({
  count,
  index,
  layers,
  differing,
  commented,
  onGo,
}: {
  readonly count: number;
  readonly index: number;
  /** The readers whose layer is shown, in reader order. */
  readonly layers: readonly ReaderWork[];
  readonly differing: ReadonlySet<number>;
  /** Slice indices with a comment thread on the reader under review. */
  readonly commented: ReadonlySet<number>;
  readonly onGo: (index: number) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <div className="review-strip" role="group" aria-label={t('reviewItem.slices')} data-testid="review-strip">
      {Array.from({ length: count }, (_, i) => {
        const differs = differing.has(i);
        const names = layers.map((layer) => `${t('reviewItem.reader', { n: layer.number })}: ${layer.cells[i]?.map((c) => c.name[language]).join(', ') || t('reviewItem.unlabelled')}`);
        const title = [t(differs ? 'reviewItem.sliceDiffers' : 'reviewItem.slice', { n: i + 1 }), ...names].join('\n');
        return (
          <button
            key={i}
            type="button"
            tabIndex={-1}
            className={`review-slice${i === index ? ' current' : ''}`}
            data-testid={`review-slice-${i}`}
            data-differs={differs ? 'true' : undefined}
            data-commented={commented.has(i) ? 'true' : undefined}
            aria-current={i === index ? 'true' : undefined}
            aria-label={title}
            title={title}
            onClick={() => onGo(i)}
          >
            {layers.map((layer) => (
              <span key={layer.reader.annotatorId} className="review-slice-bar" style={{ background: cellBackground(layer.cells[i] ?? []), borderLeftColor: layer.color }} />
            ))}
          </button>
        );
      })}
    </div>
  );
}
