import { describe, expect, it } from 'vitest';
import { rule, stylesheet } from '../testing/stylesheetRule';
import { HEADER_HEIGHT, ITEM_BAR_HEIGHT, LABEL_PANEL_WIDTH, predictedStage, SLIDE_TOOLBAR_HEIGHT, TOOLBAR_ROW_HEIGHT } from './stageLayout';

const css = (path: string) => stylesheet(path, import.meta.url);

describe('the slide stage predicted from the layout', () => {
  it('uses the heights and the width the stylesheets fix, borders included', () => {
    const app = css('../../ui/styles.css');
    const slide = css('./SlideViewer.css');
    for (const [sheet, selector, height] of [
      [app, '.app-header', HEADER_HEIGHT],
      [app, '.item-bar', ITEM_BAR_HEIGHT],
      [app, '.toolbar-row', TOOLBAR_ROW_HEIGHT],
      [slide, '.slv-toolbar', SLIDE_TOOLBAR_HEIGHT],
    ] as const) {
      const declarations = rule(sheet, selector);
      expect(declarations, selector).toContain(`height: ${height}px;`);
      expect(declarations, selector).toContain('box-sizing: border-box;');
      expect(declarations, selector).toContain('flex: none;');
    }
    // 18rem at the root's 14px.
    expect(rule(app, ':root')).toContain('font: 14px/');
    expect(rule(app, '.workspace-body')).toContain(`grid-template-columns: minmax(0, 1fr) ${LABEL_PANEL_WIDTH / 14}rem;`);
  });

  it('puts the stage under the four bars, left of the label panel, down to the window bottom', () => {
    expect(predictedStage({ width: 1280, height: 860 })).toEqual({ left: 0, top: 158, width: 1028, height: 702 });
  });

  it('predicts nothing where the window is too small for the layout to hold', () => {
    expect(predictedStage({ width: 252, height: 860 })).toBeNull();
    expect(predictedStage({ width: 1280, height: 300 })).toBeNull();
    expect(predictedStage({ width: 1280, height: 360 })).not.toBeNull();
  });
});
