import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { SliceRef } from '../core/item';
import { useT } from '../i18n';
import { useFirstScreen } from '../offline/firstScreen';
import type { ViewerAdapter } from './adapter';
import { bindFiles, type LoadFile } from './cornerstone/fileRegistry';
import { sliceImageId } from './cornerstone/imageIds';
import { classifyLoadError } from './loadError';
import type { Measurement } from './measure/measurement';
import { DEFAULT_READING_TOOL, type ReadingToolName } from './measure/readingTools';
import { ViewportContext } from './overlay/ViewportContext';
import { Toolbar } from './Toolbar';
import { useViewerTestHook } from './testHook';
import { usePrefetch } from './usePrefetch';
import { SERIES_STAGE_MEMORY_KEY } from './slide/stageMemory';
import { useStageMemory } from './slide/useStageMemory';
import { useSliceDisplay } from './useSliceDisplay';
import { useStackAdapter } from './useStackAdapter';
import { useStackViewport } from './useStackViewport';
import { CT_PRESETS, formatWindow, isPresetName, sameWindow, type PresetName, type WindowLevel } from './windowing';
import './SeriesViewer.css';

export interface SeriesViewerProps {
  /** Slices in patient order, as the server sends them; the viewer never re-sorts. */
  readonly slices: readonly SliceRef[];
  /** The file's DICOM bytes (the page adds auth and offline caching). */
  readonly loadFile: LoadFile;
  /** Shown slice, owned by the page. */
  readonly index: number;
  /** The wheel asks for another slice; the page decides and passes it back as `index`. */
  readonly onIndexChange: (index: number) => void;
  /**
   * Drawn over the image (labels, badges). The layer ignores the pointer so the image tools keep
   * working; give interactive children `pointer-events: auto`.
   */
  readonly overlay?: ReactNode;
  /** Slice `index` is drawn on screen now; null: the current slice is not (loading, failed, resized). */
  readonly onDisplayed?: (index: number | null) => void;
  /** The window to open with, chosen by the reader on an earlier visit (null: each slice's own). */
  readonly initialWindow?: WindowLevel | null;
  /** The reader chose a window (null: back to each slice's own). */
  readonly onWindowChosen?: (window: WindowLevel | null) => void;
  /** The viewer's ViewerAdapter (for overlays and tools) once the viewport exists; null when it goes. */
  readonly onAdapter?: (adapter: ViewerAdapter | null) => void;
  /** Corner text (series, location, thickness, zoom, window, HU probe, orientation); default shown. */
  readonly showContext?: boolean;
  /** The tool of the plain left button; default window/level. */
  readonly tool?: ReadingToolName;
  /** The session's measurements on this series, whenever they change. */
  readonly onMeasurements?: (measurements: readonly Measurement[]) => void;
  /** What the page may ask of the viewer (keys, the measurement list) once it exists; null when it goes. */
  readonly onControls?: (controls: ViewerControls | null) => void;
  /**
   * Where its viewport is laid out is remembered for the next page's early viewer (the item page's
   * viewer: other pages lay it out elsewhere). Default false.
   */
  readonly remembersPlace?: boolean;
}

/** A ref that never holds an element: a viewer that does not remember its place. */
const NO_ELEMENT = { current: null };

export interface ViewerControls {
  setPreset(name: PresetName): void;
  removeMeasurement(uid: string): void;
}

/**
 * A Cornerstone3D stack viewport for one CT/MR series: window presets, window/zoom/pan by mouse,
 * slices by wheel. Root carries `data-ready` (current slice on screen), `data-slice-index` and
 * `data-voi="<width>/<center>"` for tests.
 */
export function SeriesViewer({
  slices,
  loadFile,
  index,
  onIndexChange,
  overlay,
  onDisplayed,
  initialWindow,
  onWindowChosen,
  onAdapter,
  showContext = true,
  tool = DEFAULT_READING_TOOL,
  onMeasurements,
  onControls,
  remembersPlace = false,
}: SeriesViewerProps) {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const elementRef = useRef<HTMLDivElement>(null);
  // Keyed by content so a page that rebuilds an equal array does not reload the series.
  const imageIdsKey = slices.map(sliceImageId).join('\n');
  const imageIds = useMemo(() => (imageIdsKey ? imageIdsKey.split('\n') : []), [imageIdsKey]);
  const handle = useStackViewport(elementRef, imageIds);
  useStageMemory(rootRef, remembersPlace ? elementRef : NO_ELEMENT, SERIES_STAGE_MEMORY_KEY);
  const fileIdsKey = slices.map((slice) => slice.fileId).join('\n');

  const loadFileRef = useRef(loadFile);
  loadFileRef.current = loadFile;
  useEffect(() => {
    if (!fileIdsKey) return;
    return bindFiles(fileIdsKey.split('\n'), (fileId) => loadFileRef.current(fileId));
  }, [fileIdsKey]);

  const shownIndex = Math.min(Math.max(index, 0), Math.max(slices.length - 1, 0));
  const display = useSliceDisplay(handle, imageIds, shownIndex, onIndexChange, { initialWindow, onChosenWindow: onWindowChosen });
  useFirstScreen(display.phase === 'ready');
  const { setWindow, applyFileWindow, fileWindow } = display;
  usePrefetch(handle, imageIds, shownIndex, display.phase !== 'loading');

  const onDisplayedRef = useRef(onDisplayed);
  onDisplayedRef.current = onDisplayed;
  const reportedRef = useRef<number | null>(null);
  // In the commit that sets data-ready, before the browser handles another event: a key pressed
  // once the slice shows must find the page knowing it is shown. A slice once drawn stays shown
  // while a resize redraws it; it stops being shown when another is asked for or it fails.
  useLayoutEffect(() => {
    const stillShown = display.phase === 'loading' && reportedRef.current === shownIndex;
    const next = display.phase === 'ready' || stillShown ? shownIndex : null;
    if (next === reportedRef.current) return;
    reportedRef.current = next;
    onDisplayedRef.current?.(next);
  }, [display.phase, shownIndex]);

  const adapter = useStackAdapter(handle, onAdapter, display.phase === 'ready' ? (slices[shownIndex]?.targetId ?? null) : null);
  useEffect(() => handle?.tools.setPrimary(tool), [handle, tool]);
  const onMeasurementsRef = useRef(onMeasurements);
  onMeasurementsRef.current = onMeasurements;
  useEffect(() => handle?.tools.onMeasurements((list) => onMeasurementsRef.current?.(list)), [handle]);

  const setPreset = useCallback(
    (name: PresetName) => {
      if (!isPresetName(name)) throw new Error(`Unknown window preset "${String(name)}"`);
      if (name === 'default') applyFileWindow();
      else setWindow(CT_PRESETS[name]);
    },
    [setWindow, applyFileWindow],
  );

  const onControlsRef = useRef(onControls);
  onControlsRef.current = onControls;
  useEffect(() => {
    if (!handle) return;
    onControlsRef.current?.({ setPreset, removeMeasurement: handle.tools.removeMeasurement });
    return () => onControlsRef.current?.(null);
  }, [handle, setPreset]);

  useViewerTestHook({
    handle,
    ready: display.phase === 'ready',
    sliceIndex: shownIndex,
    voi: display.voi,
    setPreset,
  });

  const errorKind = display.error ? classifyLoadError(display.error) : 'unreadable';

  const activePreset = useMemo((): PresetName | null => {
    const chosen = display.chosenWindow;
    if (!chosen) return 'default';
    return (
      (Object.keys(CT_PRESETS) as Array<keyof typeof CT_PRESETS>).find((name) =>
        sameWindow(CT_PRESETS[name], chosen),
      ) ?? null
    );
  }, [display.chosenWindow]);

  return (
    <div
      ref={rootRef}
      className="sv-root"
      data-testid="series-viewer"
      data-ready={display.phase === 'ready' ? 'true' : 'false'}
      data-state={display.phase}
      data-slice-index={shownIndex}
      data-voi={display.voi ? formatWindow(display.voi) : ''}
      data-render-mode={handle?.renderMode}
    >
      <Toolbar
        showCtPresets={display.modality === 'CT'}
        activePreset={activePreset}
        fileWindow={fileWindow}
        onPreset={setPreset}
        onReset={display.reset}
      />
      <div className="sv-stage">
        <div
          ref={elementRef}
          className="sv-viewport"
          onContextMenu={(event) => event.preventDefault()}
        />
        {slices.length === 0 && <div className="sv-message">{t('viewer.noSlices')}</div>}
        {showContext && (
          <ViewportContext
            adapter={adapter}
            viewport={handle?.viewport ?? null}
            imageId={display.phase === 'ready' ? (imageIds[shownIndex] ?? null) : null}
            sliceIndex={shownIndex}
            sliceCount={slices.length}
            voi={display.voi}
            modality={display.modality}
          />
        )}
        {overlay !== undefined && <div className="sv-overlay">{overlay}</div>}
        {display.phase === 'loading' && slices.length > 0 && (
          <div className="sv-loading" role="status" data-testid="viewer-loading">
            <span className="sv-spinner" aria-hidden="true" />
            {t('viewer.loading')}
          </div>
        )}
        {display.phase === 'error' && (
          // The raw reason is for support (data-detail), not for the reader.
          <div className="sv-error" role="alert" data-testid="viewer-error" data-kind={errorKind} data-detail={display.error ?? ''}>
            <strong>{t('viewer.error.title', { n: shownIndex + 1 })}</strong>
            <span>{t(`viewer.error.${errorKind}`)}</span>
            <button type="button" className="sv-button" onClick={display.retry}>
              {t('viewer.retry')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
