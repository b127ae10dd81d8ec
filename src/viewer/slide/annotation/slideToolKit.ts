/**
 * The tools the slide's annotation layer offers. Pan only until the core tool registry
 * (src/core/tools/index.ts) lands; then its tools and `createToolContext`.
 */
import type { ToolKit } from './toolKit';

export const SLIDE_TOOL_KIT: ToolKit = {
  tools: [],
  context() {
    throw new Error('no drawing tools are registered yet');
  },
};
