import { useState } from 'react';
import type { SeriesItem } from '../../core/item';
import { planeOfSlice, type RegularGrid } from '../../core/regularGrid';
import type { ReadSlice } from '../../inference/seriesInputs';
import { useT } from '../../i18n';
import { pixelAspect, planeCount, type ReformatPlane } from '../../viewer/reformat/reformat';
import { ReformatCanvas } from '../../viewer/reformat/ReformatCanvas';
import type { WindowLevel } from '../../viewer/windowing';
import { useVolume } from './useVolume';

const PLANES: readonly ReformatPlane[] = ['coronal', 'sagittal'];
const VIEW_WIDTH_PX = 320;

interface ReformatViewsProps {
  readonly series: SeriesItem;
  /** Step between the volume's planes, mm: the series' own spacing, or the grid's. */
  readonly sliceSpacingMm: number;
  /** The grid a tilted or unevenly spaced series is resampled onto; null to take the slices as acquired. */
  readonly grid: RegularGrid | null;
  readonly readSlice: ReadSlice;
  readonly window: WindowLevel;
  /** The acquired slice on screen (series order), marked on each plane. */
  readonly sliceIndex: number;
}

/** Coronal and sagittal planes of a series' volume, each with a slider through its planes and the slice on screen marked. */
export function ReformatViews({ series, sliceSpacingMm, grid, readSlice, window, sliceIndex }: ReformatViewsProps) {
  const t = useT();
  const load = useVolume(series.slices, readSlice, true, grid);
  const rows = grid?.rows ?? series.rows;
  const columns = grid?.columns ?? series.columns;
  const [indices, setIndices] = useState<Readonly<Record<ReformatPlane, number>>>({ coronal: Math.floor(rows / 2), sagittal: Math.floor(columns / 2) });
  if (load.phase === 'loading') return <p role="status">{t('reformat.loading', { loaded: load.loaded, total: load.total })}</p>;
  if (load.phase === 'resampling') return <p role="status">{t('reformat.resampling', { planes: load.planes, total: load.total })}</p>;
  if (load.phase === 'failed') return <p role="alert">{t('reformat.failed', { reason: load.reason })}</p>;
  const orientation = series.orientation ?? [1, 0, 0, 0, 1, 0];
  const spacing = series.pixelSpacing ?? [1, 1];
  const slicePlane = grid ? planeOfSlice(grid, sliceIndex) : sliceIndex;
  return (
    <div className="row reformat-views" data-testid="reformat-views">
      {PLANES.map((plane) => {
        const count = planeCount(load.volume, plane);
        const index = Math.min(indices[plane], count - 1);
        return (
          <figure key={plane} className="reformat-view">
            <ReformatCanvas volume={load.volume} plane={plane} index={index} orientation={orientation} aspect={pixelAspect(spacing, sliceSpacingMm, plane)} window={window} width={VIEW_WIDTH_PX} slicePlane={slicePlane} />
            <figcaption>
              {grid && <span className="reformat-resampled">{t('reformat.resampledTag')} </span>}
              <label>
                {t(`reformat.plane.${plane}`, { n: index + 1, total: count })}
                <input type="range" min={0} max={count - 1} value={index} data-testid={`reformat-${plane}-index`} onChange={(event) => setIndices({ ...indices, [plane]: Number(event.target.value) })} />
              </label>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
