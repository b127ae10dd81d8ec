import { useCallback, useMemo, useState } from 'react';
import type { SeriesItem, Vec3 } from '../../core/item';
import { planeOfSlice, type RegularGrid } from '../../core/regularGrid';
import type { ReadSlice } from '../../inference/seriesInputs';
import { useT } from '../../i18n';
import { pixelAspect, planeCount, REFORMAT_PLANES, type ReformatPlane } from '../../viewer/reformat/reformat';
import { ReformatView, reformatViewChoice } from '../../viewer/reformat/ReformatView';
import { acquiredFrame, crosshairTarget, gridFrame, type FrameSource } from '../../viewer/reformat/volumeFrame';
import type { WindowLevel } from '../../viewer/windowing';
import { useVolume } from './useVolume';

/** Three views side by side in the wide dialog (48 rem). */
const VIEW_WIDTH_PX = 240;

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
  /** A pick on a reformat: show this acquired slice in the stack. */
  readonly onGoToSlice: (index: number) => void;
}

/** The geometry reformatSource has checked (a series it reformats has it all); null otherwise. */
function frameSource(series: SeriesItem): FrameSource | null {
  const positions = series.slices.map((slice) => slice.position);
  const { orientation, pixelSpacing, rows, columns } = series;
  if (!orientation || !pixelSpacing || positions.some((p) => p === null)) return null;
  return { orientation, pixelSpacing, rows, columns, positions: positions as Vec3[] };
}

/**
 * Axial, coronal and sagittal planes of a series' volume (MPR), each with a slider through its
 * planes, the slice on screen marked on the coronal and sagittal; a click or drag on one moves
 * the stack to the nearest acquired slice and the other two planes through the point
 * (crosshairs, in patient space).
 */
export function ReformatViews({ series, sliceSpacingMm, grid, readSlice, window, sliceIndex, onGoToSlice }: ReformatViewsProps) {
  const t = useT();
  const { renderMode, view } = useMemo(reformatViewChoice, []);
  const explanation = t(view === 'volume' ? 'reformat.renderer.volume' : renderMode === 'cpu' ? 'reformat.renderer.software' : 'reformat.renderer.canvas');
  const load = useVolume(series.slices, readSlice, true, grid);
  const rows = grid?.rows ?? series.rows;
  const columns = grid?.columns ?? series.columns;
  const slicePlane = grid ? planeOfSlice(grid, sliceIndex) : sliceIndex;
  // The axial plane opens on the slice on screen.
  const [indices, setIndices] = useState<Readonly<Record<ReformatPlane, number>>>(() => ({ axial: Math.round(slicePlane ?? 0), coronal: Math.floor(rows / 2), sagittal: Math.floor(columns / 2) }));
  const geometry = useMemo(() => frameSource(series), [series]);
  const frame = useMemo(() => geometry && (grid ? gridFrame(geometry, grid) : acquiredFrame(geometry, sliceSpacingMm)), [geometry, grid, sliceSpacingMm]);
  const volume = load.phase === 'ready' ? load.volume : null;
  const source = useMemo(() => volume && frame && { volume, frame }, [volume, frame]);
  const pick = useCallback(
    (plane: ReformatPlane, point: Vec3) => {
      if (!frame || !geometry) return;
      const target = crosshairTarget(frame, geometry, point);
      // The picked plane stays where it is (a pick rounds to whole planes); the others move through the point.
      setIndices((current) => ({ axial: target.axial, coronal: target.coronal, sagittal: target.sagittal, [plane]: current[plane] }));
      onGoToSlice(target.sliceIndex);
    },
    [frame, geometry, onGoToSlice],
  );

  if (load.phase === 'loading') return <p role="status">{t('reformat.loading', { loaded: load.loaded, total: load.total })}</p>;
  if (load.phase === 'resampling') return <p role="status">{t('reformat.resampling', { planes: load.planes, total: load.total })}</p>;
  if (load.phase === 'failed') return <p role="alert">{t('reformat.failed', { reason: load.reason })}</p>;
  if (!source || !geometry) return <p role="alert">{t('reformat.noGeometry')}</p>;
  const spacing = geometry.pixelSpacing;
  return (
    <>
      <p className="muted small" data-testid="reformat-renderer" data-render-mode={renderMode} data-view={view}>
        {explanation}
      </p>
      <div className="row reformat-views" data-testid="reformat-views" title={explanation}>
        {REFORMAT_PLANES.map((plane) => {
          const count = planeCount(source.volume, plane);
          const index = Math.min(indices[plane], count - 1);
          return (
            <figure key={plane} className="reformat-view">
              <ReformatView
                view={view}
                source={source}
                plane={plane}
                index={index}
                orientation={geometry.orientation}
                aspect={pixelAspect(spacing, sliceSpacingMm, plane)}
                window={window}
                width={VIEW_WIDTH_PX}
                slicePlane={plane === 'axial' ? null : slicePlane}
                onPick={(point) => pick(plane, point)}
              />
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
    </>
  );
}
