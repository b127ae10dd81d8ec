/**
 * The CLI's burned-in text step. The CLI runs no detector and asks no one, so under a policy that
 * checks burned-in text a file that may carry it (burnedIn.ts) is refused, naming why, unless a
 * confirmation file (`--redact-boxes boxes.json`) gives its boxes: `{ "<file as listed>": [{ "x",
 * "y", "width", "height" }] }`, image px, blacked out in every frame; `[]` says a person looked and
 * found none.
 */
import { readFileSync } from 'node:fs';
import { burnedInReason } from '../../src/core/deid/burnedIn';
import type { PixelRedaction } from '../../src/core/deid/deidentify';
import { burnedInCheckOf, type DeidOptions } from '../../src/core/deid/policy';
import { redactDataSet } from '../../src/core/deid/redactBurnedIn';
import type { RedactionBox } from '../../src/core/deid/redactPixels';
import { unconfirmedPixelStep } from '../deid/deidentifyInstance';

export type ConfirmedBoxes = ReadonlyMap<string, readonly RedactionBox[]>;

const isBox = (value: unknown): value is RedactionBox => {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0) && (width as number) > 0 && (height as number) > 0;
};

/** Reads a confirmation file; throws with a sentence naming what is wrong in it. */
export function parseConfirmedBoxes(text: string): ConfirmedBoxes {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the boxes file must be a JSON object of file name → boxes');
  const boxes = new Map<string, readonly RedactionBox[]>();
  for (const [name, list] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(list) || !list.every(isBox)) throw new Error(`the boxes of "${name}" must be a list of { x, y, width, height } in whole pixels`);
    boxes.set(name, list);
  }
  return boxes;
}

export function readConfirmedBoxes(path: string): ConfirmedBoxes {
  return parseConfirmedBoxes(readFileSync(path, 'utf8'));
}

/** The pixel step for one file: its confirmed boxes blacked out, or a refusal when it needs them and has none. */
export function cliPixelStep(options: DeidOptions, confirmed: ConfirmedBoxes, name: string): PixelRedaction {
  const boxes = confirmed.get(name);
  if (!boxes) return unconfirmedPixelStep(options, 'upload it through the admin screen, or give its boxes (or []) with --redact-boxes');
  return async (dataSet, transferSyntax) => {
    const reason = burnedInReason(dataSet, burnedInCheckOf(options));
    return reason ? redactDataSet(dataSet, transferSyntax, reason, boxes) : null;
  };
}
