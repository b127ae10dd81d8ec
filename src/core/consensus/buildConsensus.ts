import type { AnnotationRecord, Provenance, TargetLabel } from '../annotation';
import { isLive } from '../annotation';
import { coveredTargets, type DifferingUnit, type ItemTargetsForReadings } from '../agreement';
import type { LabelSet, Question } from '../labelSet';
import { targetLabelId } from '../recordIds';
import { isSettled } from '../targetLabels';
import { editedShapes, isPick, isRegionEdit, unitKeyOf, type DecidedUnit } from './decision';

/** A record of a reader's handed-in document with its version (what provenance points at). */
export interface VersionedRecord {
  readonly version: number;
  readonly record: AnnotationRecord;
}

export interface ReaderWork {
  readonly readerId: string;
  readonly records: readonly VersionedRecord[];
}

/** A reader record a consensus record came from. */
export interface ConsensusSource {
  readonly readerId: string;
  readonly recordId: string;
  readonly version: number;
}

/** `agreed`: every reader gave this answer; `picked`: a lead chose one reader's; `edited`: the lead's own. */
export type ConsensusBasis = 'agreed' | 'picked' | 'edited';

export interface ConsensusRecord {
  readonly record: AnnotationRecord;
  readonly basis: ConsensusBasis;
  /** The reader records it came from: for an edit, those of the reader whose drawing the lead started from (none for classes or a drawing from scratch). */
  readonly sources: readonly ConsensusSource[];
  /** The decision behind a picked or edited record; null when the readers agreed. */
  readonly decision: { readonly version: number; readonly decidedBy: string; readonly decidedAt: string } | null;
}

export interface ConsensusOutcome {
  /** Every differing unit has a decision that still applies. */
  readonly complete: boolean;
  /** Differing units without a decision (or whose decision names a reader no longer handed in). */
  readonly undecided: readonly DifferingUnit[];
  /** Sorted by record id. */
  readonly records: readonly ConsensusRecord[];
}

interface Unit {
  readonly questionId: string;
  readonly targetKey: string;
  /** Per reader, the records that make their answer here. */
  readonly byReader: Map<string, VersionedRecord[]>;
}

function counted(records: readonly VersionedRecord[]): VersionedRecord[] {
  return records.filter(({ record }) => isLive(record) && isSettled(record));
}

/**
 * The records behind every reader's answer on every unit, keyed as readings key units: a label's
 * target (each target of a range; a later label of a target replaces an earlier one), a region's
 * `targetId/classCode` (a mask there wins over outlines, as in agreement).
 */
function unitsOf(labelSet: LabelSet, item: ItemTargetsForReadings, readers: readonly ReaderWork[]): Map<string, Unit> {
  const questions = new Map<string, Question>(labelSet.questions.map((q) => [q.id, q]));
  const order = new Map(item.targetIds.map((id, index) => [id, index] as const));
  const units = new Map<string, Unit>();
  const unitAt = (questionId: string, targetKey: string): Unit => {
    const key = unitKeyOf({ questionId, targetKey });
    const unit = units.get(key) ?? { questionId, targetKey, byReader: new Map<string, VersionedRecord[]>() };
    units.set(key, unit);
    return unit;
  };
  for (const reader of readers) {
    for (const versioned of counted(reader.records)) {
      const { record } = versioned;
      const question = questions.get(record.questionId);
      if (!question) continue;
      if (record.type === 'label') {
        if (question.target === 'region' || record.classCodes.length === 0) continue;
        for (const targetKey of coveredTargets(record, order, item.targetIds)) unitAt(question.id, targetKey).byReader.set(reader.readerId, [versioned]);
        continue;
      }
      if (question.target !== 'region') continue;
      const unit = unitAt(question.id, `${record.targetId}/${record.classCode}`);
      const drawn = unit.byReader.get(reader.readerId) ?? [];
      const hasMask = drawn.some((d) => d.record.type === 'mask');
      if (record.type === 'mask') unit.byReader.set(reader.readerId, hasMask ? [...drawn, versioned] : [versioned]);
      else if (!hasMask) unit.byReader.set(reader.readerId, [...drawn, versioned]);
    }
  }
  return units;
}

function sourceOf(readerId: string, { version, record }: VersionedRecord): ConsensusSource {
  return { readerId, recordId: record.id, version };
}

/** A label answer as the consensus holds it: one target, the record id every device uses for it. */
function labelRecord(questionId: string, targetId: string, classCodes: readonly string[], provenance: Provenance): TargetLabel {
  return { type: 'label', id: targetLabelId(questionId, targetId), questionId, targetId, classCodes: [...classCodes], provenance };
}

/** Records taken from one reader for one unit (labels cut to the unit's one target). */
function takenRecords(unit: Unit, taken: readonly VersionedRecord[]): AnnotationRecord[] {
  return taken.map(({ record }) => (record.type === 'label' ? labelRecord(unit.questionId, unit.targetKey, record.classCodes, record.provenance) : record));
}

/**
 * An item's consensus record set from its handed-in readers' work, the units on which they differ
 * (`readerDifferences` over the same work) and the lead's current decisions. Units where every
 * reader agrees enter as the first reader gave them, citing every reader's record for a label and
 * the copied drawing for a region; a decided unit takes the picked reader's records (none when
 * that reader left it blank), the lead's classes, or the lead's drawing as shapes of the unit's
 * class (ids from `editedShapeId`, citing the records of the reader it started from while that
 * reader is still handed in). Decisions on units that no longer differ are ignored.
 * O(records + units).
 */
export function buildConsensus(
  labelSet: LabelSet,
  item: ItemTargetsForReadings,
  readers: readonly ReaderWork[],
  differing: readonly DifferingUnit[],
  decisions: readonly DecidedUnit[],
): ConsensusOutcome {
  const units = unitsOf(labelSet, item, readers);
  const differs = new Map(differing.map((unit) => [unitKeyOf(unit), unit] as const));
  const decided = new Map(decisions.map((decision) => [unitKeyOf(decision), decision] as const));
  const undecided: DifferingUnit[] = [];
  const records: ConsensusRecord[] = [];
  for (const [key, unit] of units) {
    if (differs.has(key)) continue;
    const first = readers.find((reader) => unit.byReader.has(reader.readerId));
    if (!first) continue;
    const taken = unit.byReader.get(first.readerId)!;
    const cited = taken[0]!.record.type === 'label' ? readers.flatMap((reader) => (unit.byReader.get(reader.readerId) ?? []).map((v) => sourceOf(reader.readerId, v))) : taken.map((v) => sourceOf(first.readerId, v));
    for (const record of takenRecords(unit, taken)) records.push({ record, basis: 'agreed', sources: cited, decision: null });
  }
  for (const [key, differingUnit] of differs) {
    const current = decided.get(key);
    const picked = current && isPick(current.decision) ? current.decision.pick : null;
    // A pick of a reader who is no longer handed in (returned since) no longer settles the unit.
    if (!current || (picked !== null && !differingUnit.answers.some((answer) => answer.readerId === picked))) {
      undecided.push(differingUnit);
      continue;
    }
    const decision = { version: current.version, decidedBy: current.decidedBy, decidedAt: current.decidedAt };
    if (picked !== null) {
      const unit = units.get(key);
      const taken = unit?.byReader.get(picked) ?? [];
      if (unit) for (const record of takenRecords(unit, taken)) records.push({ record, basis: 'picked', sources: taken.map((v) => sourceOf(picked, v)), decision });
    } else if (!isPick(current.decision)) {
      const provenance: Provenance = { origin: { kind: 'human' }, createdAt: current.decidedAt, updatedAt: current.decidedAt, authors: [current.decidedBy] };
      if (isRegionEdit(current.decision)) {
        const { from } = current.decision.edit;
        const cited = from === undefined ? [] : (units.get(key)?.byReader.get(from) ?? []).map((v) => sourceOf(from, v));
        for (const record of editedShapes(current, current.decision.edit, provenance)) records.push({ record, basis: 'edited', sources: cited, decision });
      } else {
        records.push({ record: labelRecord(current.questionId, current.targetKey, current.decision.edit.classCodes, provenance), basis: 'edited', sources: [], decision });
      }
    }
  }
  records.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  return { complete: undecided.length === 0, undecided, records };
}
