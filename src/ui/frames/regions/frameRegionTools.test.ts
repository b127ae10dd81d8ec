import { describe, expect, it } from 'vitest';
import type { Point, Shape } from '../../../core/annotation';
import { runToolCommands } from '../../../core/documentEditor';
import { UC_ENDOSCOPY_LABEL_SET } from '../../../core/labelSets/builtin';
import { frameSetItem, testEditor } from '../../../core/testing/records';
import { createToolContext } from '../../../core/tools';
import { NO_MODIFIERS } from '../../../core/tools/common';
import { PAN, ToolController } from '../../../viewer/annotation/toolController';
import { frameActionForKey } from '../frameKeymap';
import { frameMapping } from './frameImageMapping';
import { escapeLeavesRegionMode, FRAME_REGION_TOOLS, regionToolForKey } from './frameRegionTools';

const LESION = UC_ENDOSCOPY_LABEL_SET.questions.find((q) => q.target === 'region')!;
const MAYO = UC_ENDOSCOPY_LABEL_SET.questions.find((q) => q.id === 'mayo')!;
const FRAME = { width: 160, height: 120 };
// The frame laid out at 320×240 in a 400×300 stage and zoomed 2× about its centre: 4 screen px per image px.
const MAPPING = frameMapping({ left: -120, top: -90, width: 640, height: 480 }, FRAME)!;

/** A person at the large view of frame 2: screen px in, the slide tools' controller, a real editor under it. */
function frameDesk() {
  const { editor } = testEditor([], { labelSet: UC_ENDOSCOPY_LABEL_SET, item: frameSetItem([[160, 120], [160, 120], [160, 120]]) });
  const controller = new ToolController({
    tools: FRAME_REGION_TOOLS,
    classes: LESION.classes,
    context: (selection, classCode) =>
      createToolContext(editor.store, { targetId: 'frame-2', question: LESION, classCode, imagePxPerScreenPx: MAPPING.imagePxPerScreenPx, imageSize: FRAME, selection }),
    run: (commands) => runToolCommands(editor, commands),
    notice: (notice) => notice,
    classChange: (ids, classCode) => ({ name: 'shape/setClass', params: { ids, classCode } }),
    editable: () => true,
    onChange: () => undefined,
  });
  const at = (screen: Point) => MAPPING.screenToImage(screen);
  const press = (key: string) => controller.key(key, NO_MODIFIERS);
  const down = (screen: Point) => controller.input({ type: 'down', point: at(screen), modifiers: NO_MODIFIERS });
  const up = (screen: Point) => controller.input({ type: 'up', point: at(screen), modifiers: NO_MODIFIERS });
  const move = (screen: Point) => controller.input({ type: 'move', point: at(screen), modifiers: NO_MODIFIERS, pressed: true });
  const click = (screen: Point) => (down(screen), up(screen));
  const drag = (from: Point, to: Point) => (down(from), move(to), up(to));
  const shapes = () => [...editor.store.records()].filter((r): r is Shape => r.type === 'shape');
  return { editor, controller, press, click, drag, shapes, down, move, up };
}

describe('region tools on a frame', () => {
  it('are entered by B and P, keys the grid leaves free (V selects only in region mode: in tagging it shows the player); a frame question binding the key keeps it', () => {
    expect([regionToolForKey('b'), regionToolForKey('P'), regionToolForKey('v'), regionToolForKey('u')]).toEqual(['rectangle', 'polygon', undefined, undefined]);
    const press = (key: string) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false });
    expect(frameActionForKey(press('b'), MAYO)).toEqual({ type: 'regionTool', tool: 'rectangle' });
    expect(frameActionForKey(press('1'), MAYO)).toEqual({ type: 'label', classCode: 'mayo.1' });
    const bKeyed = { ...MAYO, classes: MAYO.classes.map((c, i) => (i === 0 ? { ...c, key: 'b' } : c)) };
    expect(frameActionForKey(press('b'), bKeyed)).toEqual({ type: 'label', classCode: MAYO.classes[0]!.code });
  });

  it('draw a box by dragging on screen, stored in the frame image px under the zoom, one undo step', () => {
    const desk = frameDesk();
    desk.press('b');
    expect(desk.controller.toolId).toBe('rectangle');
    desk.drag([40, 50], [120, 130]);
    const [box] = desk.shapes();
    expect(box).toMatchObject({ targetId: 'frame-2', questionId: 'lesion', classCode: 'lesion.ulcer', geometry: { type: 'rectangle', topLeft: [40, 35], bottomRight: [60, 55] } });
    desk.editor.undo();
    expect(desk.shapes()).toEqual([]);
    desk.editor.redo();
    expect(desk.shapes()).toHaveLength(1);
  });

  it('draw a polygon by clicks: Backspace takes back the last vertex, Enter closes; Esc drops one and only then leaves', () => {
    const desk = frameDesk();
    desk.press('x');
    desk.press('p');
    desk.click([0, 0]);
    desk.click([200, 0]);
    desk.click([300, 300]);
    desk.press('Backspace');
    desk.click([100, 200]);
    desk.press('Enter');
    const [polygon] = desk.shapes();
    expect(polygon).toMatchObject({ classCode: 'lesion.erosion', geometry: { type: 'polygon', points: [[30, 22.5], [80, 22.5], [55, 72.5]] } });

    desk.click([0, 0]);
    desk.click([200, 0]);
    expect(escapeLeavesRegionMode(desk.controller.preview(), desk.controller.selection)).toBe(false);
    desk.press('Escape');
    expect(desk.shapes()).toHaveLength(1);
    expect(escapeLeavesRegionMode(desk.controller.preview(), desk.controller.selection)).toBe(true);
  });

  it('select by click, re-class by key, move by drag and delete, each one undo step', () => {
    const desk = frameDesk();
    desk.press('b');
    desk.drag([40, 50], [120, 130]);
    const [box] = desk.shapes();
    desk.press('v');
    desk.click([80, 90]);
    expect([...desk.controller.selection]).toEqual([box!.id]);
    expect(escapeLeavesRegionMode(desk.controller.preview(), desk.controller.selection)).toBe(false);
    desk.press('k');
    expect(desk.shapes()[0]?.classCode).toBe('lesion.bleeding');
    desk.drag([80, 90], [120, 90]);
    expect(desk.shapes()[0]?.geometry).toEqual({ type: 'rectangle', topLeft: [50, 35], bottomRight: [70, 55] });
    desk.press('Delete');
    expect(desk.shapes()).toEqual([]);
    desk.editor.undo();
    desk.editor.undo();
    expect(desk.shapes()[0]).toMatchObject({ classCode: 'lesion.bleeding', geometry: { topLeft: [40, 35] } });
    desk.editor.undo();
    expect(desk.shapes()[0]?.classCode).toBe('lesion.ulcer');
    desk.press('h');
    expect(desk.controller.toolId).toBe(PAN);
  });
});
