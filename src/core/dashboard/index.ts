/** Shaping of the WG dashboard's aggregates and of annotators' credit, framework-free. */
export { ageInDays, backlogAge, backlogCutoffs, medianOffset, type BacklogCounts } from './backlog';
export { ASSIGNMENT_STATES, kindProgress, readerProgress, type KindCount, type KindStateCount, type ReaderStateCount } from './progress';
export { THROUGHPUT_ACTIONS, throughputDays, throughputWindow, type ThroughputAction, type ThroughputCount } from './throughput';
export { agreementTrend, type TrendSeries } from './agreementTrend';
export { DEFAULT_IDLE_CUTOFF_MS, timeSpentMs } from './timeSpent';
export {
  CREDIT_CSV_COLUMNS,
  MAX_CREDIT_DAYS,
  canonicalJson,
  creditCsv,
  creditCsvFileName,
  creditFiguresText,
  creditPeriod,
  creditTotals,
  currentMonth,
  minutesOf,
  type CreditPeriod,
} from './credit';
