import type { Question } from '../labelSet';
import { figureOf, type BootstrapOptions } from './bootstrap';
import { cohenKappa } from './cohenKappa';
import type { Estimate, Figure, Statistic } from './estimate';
import { fleissKappa } from './fleissKappa';
import { percentAgreement } from './percentAgreement';
import type { Category, RatingPair, UnitRatings } from './ratings';
import type { ReadingValue } from './readings';
import { readerPairs, readersOf, type AgreementUnit } from './units';
import { weightedKappa, type KappaWeights } from './weightedKappa';

/**
 * The ratings a unit stands for, one row per rated thing: one row for a single-class or graded
 * answer; for a multiple-answer question one present/absent row per class of the question, so
 * "which subtypes" is judged class by class (pooled) instead of demanding identical sets.
 */
function ratingRows(question: Question, unit: AgreementUnit, readers: readonly string[]): UnitRatings[] {
  const values = readers.map((reader) => unit.values.get(reader) ?? null);
  if (question.kind === 'multiple') {
    return question.classes.map((c) => values.map((value) => (value?.kind === 'classes' ? (value.codes.includes(c.code) ? 1 : 0) : null)));
  }
  return [values.map(categoryOf)];
}

function categoryOf(value: ReadingValue | null): Category | null {
  if (value?.kind === 'class') return value.code;
  if (value?.kind === 'grade') return value.grade;
  return null;
}

/** Units with two readings or more: those a figure rests on. */
export function comparedUnits(units: readonly AgreementUnit[]): number {
  return units.filter((unit) => unit.values.size >= 2).length;
}

/** A statistic over rating rows lifted to units: the bootstrap resamples units, n counts compared units. */
function overUnits<Row>(rows: (unit: AgreementUnit) => Row[], statistic: Statistic<Row>): Statistic<AgreementUnit> {
  return (units): Estimate => ({ ...statistic(units.flatMap(rows)), n: comparedUnits(units) });
}

export type PairStatistic = 'cohenKappa' | 'weightedKappa' | 'dice';

export interface CategoricalFigures {
  /** Fleiss' kappa over the units rated by the most readers (it needs the same number per unit). */
  readonly kappa: Figure;
  readonly percentAgreement: Figure;
}

export function categoricalFigures(question: Question, units: readonly AgreementUnit[], options: BootstrapOptions): CategoricalFigures {
  const readers = readersOf(units);
  const rows = (unit: AgreementUnit) => ratingRows(question, unit, readers);
  const mostReaders = Math.max(0, ...units.map((unit) => unit.values.size));
  const fullyRead = units.filter((unit) => unit.values.size === mostReaders);
  return {
    kappa: figureOf(fullyRead, overUnits(rows, fleissKappa), options),
    percentAgreement: figureOf(units, overUnits(rows, percentAgreement), options),
  };
}

export interface PairFigure {
  readonly readers: readonly [string, string];
  readonly statistic: PairStatistic;
  readonly figure: Figure;
}

/** Per reader pair: weighted kappa for grades, Cohen's kappa otherwise, over the units both rated. */
export function categoricalPairs(question: Question, units: readonly AgreementUnit[], options: BootstrapOptions & { readonly weights: KappaWeights }): PairFigure[] {
  const graded = question.kind === 'grade';
  const kappa: Statistic<RatingPair> = graded ? weightedKappa(question.classes.map((_, i) => i), options.weights) : cohenKappa;
  return readerPairs(readersOf(units)).map((readers) => {
    const shared = units.filter((unit) => unit.values.has(readers[0]) && unit.values.has(readers[1]));
    const rows = (unit: AgreementUnit) => ratingRows(question, unit, readers).map((row): RatingPair => [row[0]!, row[1]!]);
    return { readers, statistic: graded ? 'weightedKappa' : 'cohenKappa', figure: figureOf(shared, overUnits(rows, kappa), options) };
  });
}
