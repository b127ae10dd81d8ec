import { useEffect, useMemo, useState } from 'react';
import type { Box } from '../../core/bounds';
import { threadMarkers } from '../../core/review/pointPins';
import { useT } from '../../i18n';
import { appStore, isEditable, useAppStore, type OpenItem } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { StateBadge } from '../common/StateBadge';
import { Link } from '../Link';
import { paths } from '../router';
import { LazyFrameSetView } from '../frames/LazyFrameSetView';
import { SlideWorkspace } from '../slide/SlideWorkspace';
import { ItemWorkspace } from './ItemWorkspace';
import { ReturnedNotice } from './ReturnedNotice';
import { useFileLoader } from './useFileLoader';
import { useOwnThreads } from './useOwnThreads';
import { prepareViewer, startItem } from './viewerPreload';

/** /items/:id — loads the item and its local records, then shows the reading workspace. */
export function ItemPage({ itemId }: { readonly itemId: string }) {
  const t = useT();
  const closeItem = useAppStore((state) => state.closeItem);
  const open = useAppStore((state) => (state.openItem?.itemId === itemId ? state.openItem : null));

  useEffect(() => {
    // Already started at boot when the page was loaded on this URL (see boot.ts): then a no-op.
    startItem(itemId);
    return () => closeItem();
  }, [itemId, closeItem]);
  // The detail arrives before the records: start on the viewer (its chunk, a slide's first tiles)
  // meanwhile. From the store itself, not an effect: an effect would wait for the render the
  // detail causes (the workspace mounting: ~150 ms here) before the first tile is asked for.
  useEffect(() => {
    let prepared = false;
    const prepare = (open: OpenItem | null) => {
      if (prepared || open?.itemId !== itemId || !open.detail) return;
      prepared = true;
      prepareViewer(itemId, open.detail.item.content);
    };
    prepare(appStore().getState().openItem);
    return appStore().subscribe((state) => prepare(state.openItem));
  }, [itemId]);

  // A slide's or a series' workspace comes up with its detail (a series' with its reader's place,
  // see openItemById), so the viewer starts while the records load.
  const kind = open?.detail?.item.content.kind;
  const shownLoading = open?.status === 'loading' && (kind === 'slide' || kind === 'series');
  if (!open || (open.status === 'loading' && !shownLoading)) {
    return (
      <main className="item-page reading-room" data-testid="item-page" data-ready="false">
        <p className="status-line" role="status">
          {t('common.loading')}
        </p>
      </main>
    );
  }
  if (open.status === 'error' || !open.detail) {
    return (
      <main className="item-page reading-room" data-testid="item-page" data-ready="false">
        <ErrorText error={open.error} testId="item-error" />
        <Link href={paths.datasets()}>{t('nav.backToDatasets')}</Link>
      </main>
    );
  }
  return <ItemView key={open.itemId} open={open} />;
}

/** The item bar, the reviewer's threads (point-pinned ones also as pins on the image) and the workspace (for a slide or a series, already while its records load: see above). */
function ItemView({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const detail = open.detail;
  const slices = useMemo(() => (detail?.item.content.kind === 'series' ? detail.item.content.slices : []), [detail]);
  const loadFile = useFileLoader(open.itemId, slices[open.sliceIndex]?.fileId);
  const [dialog, setDialog] = useState(false);
  // A new object per request, so showing the same region again fits it again.
  const [shownRegion, setShownRegion] = useState<{ readonly box: Box | null } | null>(null);
  const { threads, reload } = useOwnThreads(open);
  const markers = useMemo(() => threadMarkers(threads), [threads]);
  if (!detail) return null;
  return (
    <main
      className="item-page reading-room"
      data-testid="item-page"
      data-ready={open.status === 'ready' ? 'true' : 'false'}
      data-item-id={open.itemId}
      data-editable={isEditable(open) ? 'true' : 'false'}
    >
      <header className="item-bar">
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link href={paths.dataset(detail.item.datasetId)} data-testid="back-to-items">
            {t('nav.backToItems')}
          </Link>
        </nav>
        <h1 className="item-title">{detail.item.title}</h1>
        {/* The server moves an item to "in progress" at its first write; show that before the sync. */}
        <StateBadge state={detail.state === 'assigned' && (open.document?.size ?? 0) > 0 ? 'inProgress' : detail.state} testId="item-state" />
      </header>
      <ReturnedNotice open={open} threads={threads} onChanged={reload} onShowRegion={detail.item.content.kind === 'slide' ? (box) => setShownRegion({ box }) : undefined} />
      {detail.item.content.kind === 'series' ? (
        <ItemWorkspace open={open} slices={slices} loadFile={loadFile} dialogOpen={dialog} onDialog={setDialog} markers={markers} />
      ) : detail.item.content.kind === 'slide' ? (
        <SlideWorkspace open={open} slide={detail.item.content} dialogOpen={dialog} onDialog={setDialog} shownRegion={shownRegion} markers={markers} />
      ) : detail.item.content.kind === 'frameSet' ? (
        <LazyFrameSetView open={open} frameSet={detail.item.content} dialogOpen={dialog} onDialog={setDialog} />
      ) : (
        <p className="notice">{t('item.unsupportedKind')}</p>
      )}
    </main>
  );
}
