import { describe, expect, it } from 'vitest';
import { ADJUDICATE_ROLES, holdsRole, RELEASE_READ_ROLES, REVIEW_ROLES } from './roles';

describe('role lists', () => {
  it('grants a user any list that names one of their roles', () => {
    expect(holdsRole(['annotator'], REVIEW_ROLES)).toBe(false);
    expect(holdsRole(['annotator', 'reviewer'], REVIEW_ROLES)).toBe(true);
    expect(holdsRole(['admin'], RELEASE_READ_ROLES)).toBe(true);
    expect(holdsRole(['admin'], ADJUDICATE_ROLES)).toBe(false);
    expect(holdsRole([], REVIEW_ROLES)).toBe(false);
  });
});
