import { describe, expect, it } from 'vitest';
import type { Role, User } from '../../src/core/api';
import { ASSIGN_ROLES, hasRole, REVIEW_ROLES, seesReaderWork } from './rolePolicy';

const user = (id: string, roles: readonly Role[]): User => ({ id, username: id, displayName: id, roles, mustChangePassword: false, disabled: false });

describe('seesReaderWork (the blinding rule)', () => {
  it('shows everyone their own work, read or not', () => {
    expect(seesReaderWork(user('ann', ['annotator']), 'ann', true)).toBe(true);
    expect(seesReaderWork(user('root', ['admin', 'wgLead', 'reviewer', 'annotator']), 'root', true)).toBe(true);
  });

  it('hides another reader’s work from a reader of the item, whatever roles they hold', () => {
    for (const roles of [['annotator'], ['annotator', 'reviewer'], ['wgLead'], ['admin', 'wgLead', 'reviewer', 'annotator']] as Role[][]) {
      expect(seesReaderWork(user('me', roles), 'other', true)).toBe(false);
    }
  });

  it('shows every reader’s work to a reviewer, WG lead or admin who does not read the item, and never to a plain annotator', () => {
    for (const role of ['reviewer', 'wgLead', 'admin'] as const) expect(seesReaderWork(user('me', [role]), 'other', false)).toBe(true);
    expect(seesReaderWork(user('me', ['annotator']), 'other', false)).toBe(false);
  });
});

describe('role lists', () => {
  it('let a WG lead assign and review, an admin assign but not review', () => {
    expect(hasRole(user('lead', ['wgLead']), ASSIGN_ROLES)).toBe(true);
    expect(hasRole(user('lead', ['wgLead']), REVIEW_ROLES)).toBe(true);
    expect(hasRole(user('root', ['admin']), ASSIGN_ROLES)).toBe(true);
    expect(hasRole(user('root', ['admin']), REVIEW_ROLES)).toBe(false);
    expect(hasRole(user('ann', ['annotator']), ASSIGN_ROLES)).toBe(false);
  });
});
