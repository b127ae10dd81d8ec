import { describe, expect, it } from 'vitest';
import { rule, stylesheet } from './testing/stylesheetRule';
import { predictedSeriesStage, READING_BAR_HEIGHT, SERIES_TOOLBAR_HEIGHT, SLICE_NAVIGATOR_HEIGHT } from './seriesStageLayout';

const css = (path: string) => stylesheet(path, import.meta.url);

describe('the series viewport predicted from the layout', () => {
  it('uses the heights the stylesheets fix, borders included, and the viewer’s minimum height', () => {
    const app = css('../ui/styles.css');
    const viewer = css('./SeriesViewer.css');
    for (const [sheet, selector, height] of [
      [viewer, '.sv-series-toolbar', SERIES_TOOLBAR_HEIGHT],
      [app, '.reading-context-bar', READING_BAR_HEIGHT],
      [app, '.slice-navigator', SLICE_NAVIGATOR_HEIGHT],
    ] as const) {
      const declarations = rule(sheet, selector);
      expect(declarations, selector).toContain(`height: ${height}px;`);
      expect(declarations, selector).toContain('box-sizing: border-box;');
      expect(declarations, selector).toContain('flex: none;');
    }
    expect(rule(viewer, '.sv-root')).toContain('min-height: 240px;');
    // The reading bar never wraps: its buttons cut their labels short instead.
    expect(rule(app, '.reading-context-bar')).toContain('flex-wrap: nowrap;');
    expect(rule(app, '.reading-context-bar > button')).toContain('white-space: nowrap;');
  });

  it('puts the viewport under the page’s bars and the viewer’s toolbar, left of the label panel, above the reading bar and the slice navigator', () => {
    expect(predictedSeriesStage({ width: 1280, height: 860 })).toEqual({ stage: { left: 0, top: 154, width: 1028, height: 613 }, background: 'rgb(0, 0, 0)' });
  });

  it('predicts nothing where the window is too small for the layout to hold', () => {
    expect(predictedSeriesStage({ width: 252, height: 860 })).toBeNull();
    expect(predictedSeriesStage({ width: 1280, height: 452 })).toBeNull();
    expect(predictedSeriesStage({ width: 1280, height: 453 })).not.toBeNull();
  });
});
