import type { AnswerKind, LabelSet, Question, QuestionTarget } from '../labelSet';
import { DEFAULT_BOOTSTRAP, figureOf, type BootstrapOptions } from './bootstrap';
import { categoricalFigures, categoricalPairs, comparedUnits, type PairFigure } from './categoricalAgreement';
import type { Figure } from './estimate';
import { isoWeek } from './isoWeek';
import { percentAgreement } from './percentAgreement';
import type { Category, UnitRatings } from './ratings';
import type { Reading } from './readings';
import { meanDice, regionFigures, regionPairs, regionUnits } from './regionAgreement';
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

function headline(question: Question, units: readonly AgreementUnit[], options: BootstrapOptions): HeadlineFigures {
  if (question.target === 'region') {
    const { dice, iou } = regionFigures(regionUnits(units), options);
    return { statistic: 'dice', figure: dice, secondary: { statistic: 'iou', figure: iou } };
  }
  const { kappa, percentAgreement: agreement } = categoricalFigures(question, units, options);
  return { statistic: 'fleissKappa', figure: kappa, secondary: { statistic: 'percentAgreement', figure: agreement } };
}

function byWeek(units: readonly AgreementUnit[]): Map<string, AgreementUnit[]> {
  const weeks = new Map<string, AgreementUnit[]>();
  for (const unit of units) {
    const week = isoWeek(unit.latestAt);
    weeks.set(week, [...(weeks.get(week) ?? []), unit]);
  }
  return new Map([...weeks].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function questionAgreement(question: Question, units: readonly AgreementUnit[], options: Required<AgreementOptions>): QuestionAgreement {
  const pairs = question.target === 'region' ? regionPairs(regionUnits(units), options) : categoricalPairs(question, units, options);
  const weeks = [...byWeek(units)].map(([week, inWeek]) => ({ week, ...headline(question, inWeek, options) }));
  return { questionId: question.id, kind: question.kind, target: question.target, readers: readersOf(units), ...headline(question, units, options), pairs, weeks };
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
  const regions = regionUnits(questions.filter((question) => question.target === 'region').flatMap((question) => units.get(question.id)!));
  return {
    dataset: {
      percentAgreement: figureOf(categorical, (sample) => ({ ...percentAgreement(sample.map(datasetRatings)), n: comparedUnits(sample) }), settings),
      dice: figureOf(regions, meanDice, settings),
    },
    questions: questions.map((question) => questionAgreement(question, units.get(question.id)!, settings)),
  };
}
