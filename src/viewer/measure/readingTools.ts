/**
 * The tools the left mouse button can hold on the CT viewer: window/level (the default) or one of
 * the measurements. Plain data, free of Cornerstone, so keys, buttons and help share it.
 */

export type ReadingToolName = 'window' | 'length' | 'angle' | 'ellipse' | 'rectangle';

export type MeasurementTool = Exclude<ReadingToolName, 'window'>;

export interface ReadingTool {
  readonly name: ReadingToolName;
  /** The key that picks it (lower case; the page's class keys take precedence). */
  readonly key: string;
}

export const READING_TOOLS: readonly ReadingTool[] = [
  { name: 'window', key: 'w' },
  { name: 'length', key: 'l' },
  { name: 'angle', key: 'n' },
  { name: 'ellipse', key: 'e' },
  { name: 'rectangle', key: 'r' },
];

export const DEFAULT_READING_TOOL: ReadingToolName = 'window';
