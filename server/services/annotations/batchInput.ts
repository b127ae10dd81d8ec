/** Checks a batch body's ops against the item's label set and targets before any database work. */
import type { LabelSet } from '../../../src/core/labelSet';
import { batchShapeErrors, type RecordOp } from '../../../src/core/records';
import type { ItemTargets } from '../../../src/core/targets';
import { validateRecordOp } from '../../../src/core/validation/annotation';
import { badRequest } from '../../http/errors';

/** At most this many problems are reported: enough to fix a client, not a 2,000-line answer. */
const REPORTED_PROBLEMS = 10;

export function checkedOps(ops: readonly unknown[], labelSet: LabelSet, targets: ItemTargets): RecordOp[] {
  const problems: string[] = [];
  const checked: RecordOp[] = [];
  ops.forEach((op, i) => {
    if (problems.length >= REPORTED_PROBLEMS) return;
    const result = validateRecordOp(op, { labelSet, targets }, `ops[${i}]`);
    if (result.ok) checked.push(result.value);
    else problems.push(...result.errors);
  });
  if (problems.length === 0) problems.push(...batchShapeErrors(checked));
  if (problems.length > 0) throw badRequest(`invalid batch: ${problems.slice(0, REPORTED_PROBLEMS).join('; ')}`);
  return checked;
}
