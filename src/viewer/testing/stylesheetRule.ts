/** Reads the project's stylesheets in a test, to hold a layout computed in code to their numbers. */
import { readFileSync } from 'node:fs';

/** The stylesheet at `path`, relative to `base` (a test's `import.meta.url`). */
export function stylesheet(path: string, base: string): string {
  return readFileSync(new URL(path, base), 'utf8');
}

/** The declarations of the first rule whose selector is exactly `selector`. */
export function rule(sheet: string, selector: string): string {
  const at = sheet.search(new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{`));
  if (at < 0) throw new Error(`no rule ${selector}`);
  return sheet.slice(sheet.indexOf('{', at) + 1, sheet.indexOf('}', at));
}
