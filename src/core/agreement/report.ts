import type { AnswerKind, LabelSet, Question, QuestionTarget } from '../labelSet';
import { DEFAULT_BOOTSTRAP, figureOf, type BootstrapOptions } from './bootstrap';
import { categoricalFigures, categoricalPairs, comparedUnits, type PairFigure } from './categoricalAgreement';
import type { Figure } from './estimate';
import { isoWeek } from './isoWeek';
import { percentAgreement } from './percentAgreement';
import type { Category, UnitRatings } from './ratings';
import type { Reading } from './readings';
import { meanDice, regionFigures, regionPairs, regionUnits, type RegionUnit } from './regionAgreement';
import { readersOf, unitsByQuestion, type AgreementUnit } from './units';
import type { KappaWeights } from './weightedKappa';

export interface AgreementOptions extends BootstrapOptions {
  /** Weights of the per-pair kappa of graded questions; quadratic by default, as DR studies report. */
  readonly weights?: KappaWeights;
}

/**
 * A question's headline and second figure: Fleiss' kappa and percent agreement for class and
 * grade answers; mean pairwise Dice and IoU for regions.
 */
export interface HeadlineFigures {
  readonly statistic: 'fleissKappa' | 'dice';
  readonly figure: Figure;
  readonly secondary: { readonly statistic: 'percentAgreement' | 'iou'; readonly figure: Figure };
}

export interface WeekFigures extends HeadlineFigures {
  /** ISO week of the latest reading of each unit in it, e.g. `2026-W49`. */
  readonly week: string;
}

export interface QuestionAgreement extends HeadlineFigures {
  readonly questionId: string;
  readonly kind: AnswerKind;
  readonly target: QuestionTarget;
  readonly readers: readonly string[];
  readonly pairs: readonly PairFigure[];
  readonly weeks: readonly WeekFigures[];
}

export interface AgreementReport {
  /** All questions together: percent agreement over class and grade units, mean Dice over regions. */
  readonly dataset: { readonly percentAgreement: Figure; readonly dice: Figure };
  readonly questions: readonly QuestionAgreement[];
}

function categoricalHeadline(question: Question, units: readonly AgreementUnit[], options: BootstrapOptions): HeadlineFigures {
  const { kappa, percentAgreement: agreement } = categoricalFigures(question, units, options);
  return { statistic: 'fleissKappa', figure: kappa, secondary: { statistic: 'percentAgreement', figure: agreement } };
}

function regionHeadline(units: readonly RegionUnit[], options: BootstrapOptions): HeadlineFigures {
  const { dice, iou } = regionFigures(units, options);
  return { statistic: 'dice', figure: dice, secondary: { statistic: 'iou', figure: iou } };
}

/** Units by the ISO week of their latest reading, weeks in order. */
function byWeek<Unit>(units: readonly Unit[], latestAt: (unit: Unit) => string): [string, Unit[]][] {
  const weeks = new Map<string, Unit[]>();
  for (const unit of units) {
    const week = isoWeek(latestAt(unit));
    const inWeek = weeks.get(week) ?? [];
    inWeek.push(unit);
    weeks.set(week, inWeek);
  }
  return [...weeks].sort(([a], [b]) => (a < b ? -1 : 1));
}

function questionAgreement(question: Question, units: readonly AgreementUnit[], regions: readonly RegionUnit[], options: Required<AgreementOptions>): QuestionAgreement {
  const about = { questionId: question.id, kind: question.kind, target: question.target, readers: readersOf(units) };
  if (question.target === 'region') {
    const weeks = byWeek(regions, ({ unit }) => unit.latestAt).map(([week, inWeek]) => ({ week, ...regionHeadline(inWeek, options) }));
    return { ...about, ...regionHeadline(regions, options), pairs: regionPairs(regions, options), weeks };
  }
  const weeks = byWeek(units, (unit) => unit.latestAt).map(([week, inWeek]) => ({ week, ...categoricalHeadline(question, inWeek, options) }));
  return { ...about, ...categoricalHeadline(question, units, options), pairs: categoricalPairs(question, units, options), weeks };
}

/** A class or grade unit's ratings for the dataset's percent agreement (a set compared whole). */
function datasetRatings(unit: AgreementUnit): UnitRatings {
  return [...unit.values.values()].map((value): Category | null => {
    if (value.kind === 'class') return value.code;
    if (value.kind === 'grade') return value.grade;
    if (value.kind === 'classes') return value.codes.join('\u0000');
    return null;
  });
}

/**
 * Agreement of every question of the label set, per reader pair and per week, and of the dataset,
 * from readings (see `readingsOfItem`). Readings of questions not in the label set are ignored.
 * Each figure is bootstrapped: O((1 + pairs + weeks) × resamples × units) per question.
 */
export function agreementReport(labelSet: LabelSet, readings: readonly Reading[], options: AgreementOptions = {}): AgreementReport {
  const settings: Required<AgreementOptions> = { ...DEFAULT_BOOTSTRAP, weights: 'quadratic', ...options };
  const units = unitsByQuestion(readings);
  const questions = labelSet.questions.filter((question) => units.has(question.id));
  const categorical = questions.filter((question) => question.target !== 'region').flatMap((question) => units.get(question.id)!);
  // Overlaps computed once per unit: every figure and each of its resamples reuse them.
  const regions = new Map(questions.filter((question) => question.target === 'region').map((question) => [question.id, regionUnits(units.get(question.id)!)] as const));
  return {
    dataset: {
      percentAgreement: figureOf(categorical, (sample) => ({ ...percentAgreement(sample.map(datasetRatings)), n: comparedUnits(sample) }), settings),
      dice: figureOf([...regions.values()].flat(), meanDice, settings),
    },
    questions: questions.map((question) => questionAgreement(question, units.get(question.id)!, regions.get(question.id) ?? [], settings)),
  };
}
