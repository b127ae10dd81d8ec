/** Marked once Cornerstone is initialised (init.ts): a milestone the first-image benchmark reports and the e2e specs count. */
export const CORNERSTONE_READY_MARK = 'mejirushi:cornerstone-initialised';
