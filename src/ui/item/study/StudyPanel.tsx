import { useEffect, useState } from 'react';
import type { StudySeries } from '../../../core/api';
import { useT } from '../../../i18n';
import { browserOfflineStudy } from '../../../offline/offlineStudy';
import { appServices } from '../../../store';
import { PENDING_THUMBNAIL, seriesThumbnail, type SeriesThumbnail } from './thumbnailCache';
import './StudyPanel.css';

/**
 * The study browser beside the CT viewer: each series of the item's study the reader may open, as
 * its middle slice with series number, description, modality and slice count; the one open is
 * marked, a click opens another. Shown only where the study has more than one (showsStudyPanel).
 */
export function StudyPanel({ series, currentId, onOpen }: { readonly series: readonly StudySeries[]; readonly currentId: string; readonly onOpen: (itemId: string) => void }) {
  const t = useT();
  return (
    <nav className="study-panel" aria-label={t('study.panel')} data-testid="study-panel" data-current={currentId}>
      <h2 className="study-panel-title">{t('study.title', { count: series.length })}</h2>
      <ol>
        {series.map((s) => (
          <li key={s.itemId}>
            <SeriesEntry series={s} current={s.itemId === currentId} onOpen={onOpen} />
          </li>
        ))}
      </ol>
      <p className="muted small">{t('study.keys')}</p>
    </nav>
  );
}

/** The panel's column, empty: held for it while the first slice is drawn (see ItemWorkspace). */
export function StudyPanelRoom() {
  return <div className="study-panel" aria-hidden="true" data-testid="study-panel-room" />;
}

/** A study of one series has nowhere to switch to: no panel, and the viewer keeps the width. */
export function showsStudyPanel(series: readonly StudySeries[] | null): series is readonly StudySeries[] {
  return series !== null && series.length > 1;
}

function SeriesEntry({ series, current, onOpen }: { readonly series: StudySeries; readonly current: boolean; readonly onOpen: (itemId: string) => void }) {
  const t = useT();
  const thumbnail = useThumbnail(series);
  return (
    <button
      type="button"
      className="study-series"
      aria-current={current ? 'true' : undefined}
      onClick={() => {
        if (!current) onOpen(series.itemId);
      }}
      data-testid={`study-series-${series.itemId}`}
      data-series-number={series.seriesNumber ?? ''}
    >
      <ThumbnailView thumbnail={thumbnail} alt={t('study.thumbnail', { description: series.seriesDescription || series.title })} />
      <span className="study-series-text">
        <span className="study-series-number">{series.seriesNumber === null ? t('study.noNumber') : t('study.number', { number: series.seriesNumber })}</span>
        <span className="study-series-description">{series.seriesDescription || series.title}</span>
        <span className="muted small">{t('study.slices', { modality: series.modality, count: series.sliceCount })}</span>
      </span>
    </button>
  );
}

/** The picture, or in its place why there is none (the entry still opens the series). */
function ThumbnailView({ thumbnail, alt }: { readonly thumbnail: SeriesThumbnail; readonly alt: string }) {
  const t = useT();
  switch (thumbnail.kind) {
    case 'picture':
      return <img className="study-thumbnail" src={thumbnail.url} alt={alt} data-testid="study-thumbnail" />;
    case 'notKept':
      return (
        <span className="study-thumbnail study-thumbnail-missing" data-testid="study-thumbnail-not-kept">
          {t('study.thumbnailNotKept')}
        </span>
      );
    case 'pending':
    case 'none':
      return <span className="study-thumbnail" aria-hidden="true" />;
  }
}

/** The series' thumbnail as kept or fetched, from the device's store first (seriesThumbnail). */
function useThumbnail(series: StudySeries): SeriesThumbnail {
  const [thumbnail, setThumbnail] = useState<SeriesThumbnail>(PENDING_THUMBNAIL);
  useEffect(() => {
    let live = true;
    setThumbnail(PENDING_THUMBNAIL);
    void seriesThumbnail(series, (itemId) => appServices().api.seriesThumbnail(itemId), browserOfflineStudy()).then((shown) => live && setThumbnail(shown));
    return () => {
      live = false;
    };
  }, [series]);
  return thumbnail;
}
