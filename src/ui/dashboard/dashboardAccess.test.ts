import { describe, expect, it } from 'vitest';
import { offersDashboard } from './dashboardAccess';

const readsNone = { progress: { labelled: 0, total: 0 }, submittedCount: 0 };
const reads = { progress: { labelled: 0, total: 12 }, submittedCount: 0 };

describe('offersDashboard', () => {
  it('offers it to reviewers, WG leads and admins who read none of the dataset', () => {
    expect(offersDashboard(['wgLead'], readsNone)).toBe(true);
    expect(offersDashboard(['reviewer'], readsNone)).toBe(true);
    expect(offersDashboard(['annotator', 'admin'], readsNone)).toBe(true);
  });

  it('hides it from annotators and from overseers who read items of it', () => {
    expect(offersDashboard(['annotator'], readsNone)).toBe(false);
    expect(offersDashboard(['wgLead'], reads)).toBe(false);
  });
});
