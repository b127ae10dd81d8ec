/** Marked once Cornerstone is initialised (init.ts): a milestone the first-image benchmark reports and the e2e specs count. */
export const CORNERSTONE_READY_MARK = 'mejirushi:cornerstone-initialised';

/** Marked once the slice an item opens on is decoded ahead of its viewport (firstSliceAhead.ts), its image id as detail: a first-image milestone. */
export const SLICE_DECODED_MARK = 'mejirushi:slice-decoded';
