/**
 * The tools the slide's annotation layer offers: the core registry's, their context from the
 * open document's store (hit tests and box selection through its R-tree), a class key on a
 * selection as one `shape/setClass`, and areas for the panel.
 */
import { geometryArea } from '../../../core/geometry/measure';
import { createToolContext, TOOLS } from '../../../core/tools';
import type { ToolKit } from './toolKit';

export const SLIDE_TOOL_KIT: ToolKit = {
  tools: TOOLS,
  context: (store, request) => createToolContext(store, request),
  classChange: (ids, classCode) => ({ name: 'shape/setClass', params: { ids, classCode } }),
  area: (shape) => geometryArea(shape.geometry),
};
