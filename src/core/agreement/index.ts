/**
 * Inter-reader agreement, framework-free: statistics over categorical ratings (percent agreement,
 * Cohen's, weighted and Fleiss' kappa), Dice and IoU of masks and outlines, seeded bootstrap
 * intervals, and the report a route or dashboard asks for (per question, reader pair and week).
 */
export { defined, undefinedEstimate, type Estimate, type Figure, type Interval, type Statistic } from './estimate';
export type { Category, RatingPair, UnitRatings } from './ratings';
export { percentAgreement } from './percentAgreement';
export { cohenKappa } from './cohenKappa';
export { weightedKappa, type KappaWeights } from './weightedKappa';
export { fleissKappa } from './fleissKappa';
export { dice, iou, type Overlap } from './overlap';
export { maskOverlap } from './maskOverlap';
export { outlineOverlap, outlinedArea } from './outlineOverlap';
export { regionOverlap } from './regionOverlap';
export { mulberry32 } from '../random';
export { bootstrapInterval, figureOf, DEFAULT_BOOTSTRAP, type BootstrapOptions } from './bootstrap';
export { isoWeek } from './isoWeek';
export { readerDifferences, DEFAULT_MIN_REGION_DICE, type DifferingUnit, type DifferenceOptions } from './differences';
export { readingsOfItem, coveredTargets, type Reading, type ReadingValue, type ReaderDocument, type ReadingRules, type ItemTargetsForReadings } from './readings';
export { unitsByQuestion, type AgreementUnit } from './units';
export type { PairFigure, PairStatistic } from './categoricalAgreement';
export { agreementReport, type AgreementOptions, type AgreementReport, type QuestionAgreement, type HeadlineFigures, type WeekFigures } from './report';
