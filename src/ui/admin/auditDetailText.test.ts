import { describe, expect, it } from 'vitest';
import { auditDetailText } from './auditDetailText';

describe('auditDetailText', () => {
  it('lists keys with their values, strings unquoted', () => {
    expect(auditDetailText({ username: 'kenji', roles: ['annotator'], ops: 3 })).toBe('username: kenji, roles: ["annotator"], ops: 3');
  });

  it('is empty for an empty detail and cut with an ellipsis when long', () => {
    expect(auditDetailText({})).toBe('');
    expect(auditDetailText({ comment: 'x'.repeat(100) }, 20)).toBe(`comment: ${'x'.repeat(10)}…`);
  });
});
