import { describe, expect, it } from 'vitest';
import { reviewsWork } from './reviewAccess';

describe('reviewsWork', () => {
  it('gives the queue to reviewers and WG leads, whatever else they hold', () => {
    expect(reviewsWork(['reviewer'])).toBe(true);
    expect(reviewsWork(['wgLead'])).toBe(true);
    expect(reviewsWork(['annotator', 'reviewer'])).toBe(true);
    expect(reviewsWork(['annotator'])).toBe(false);
    expect(reviewsWork(['admin'])).toBe(false);
    expect(reviewsWork([])).toBe(false);
  });
});
