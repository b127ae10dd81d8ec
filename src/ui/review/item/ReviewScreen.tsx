/** The frame of the reviewer's item screen: its root (ready, item, reader under review), the way back to the queue and the title. */
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../Link';
import { paths } from '../../router';

export function ReviewScreen({ itemId, title, annotatorId, children }: { readonly itemId: string; readonly title: string; readonly annotatorId: string | null; readonly children: ReactNode }) {
  const t = useT();
  return (
    <main className="item-page reading-room" data-testid="review-item" data-ready="true" data-item-id={itemId} data-annotator={annotatorId ?? undefined}>
      <header className="item-bar">
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link href={paths.reviewQueue()}>{t('reviewItem.backToQueue')}</Link>
        </nav>
        <h1 className="item-title">{t('reviewItem.title', { title })}</h1>
        <span className="muted small">{t('reviewItem.keys')}</span>
      </header>
      {children}
    </main>
  );
}
