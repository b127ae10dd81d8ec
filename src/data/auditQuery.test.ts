import { describe, expect, it } from 'vitest';
import { auditQuery } from './auditQuery';

describe('auditQuery', () => {
  it('is empty when nothing filters', () => {
    expect(auditQuery({})).toBe('');
    expect(auditQuery({ user: '', action: '' })).toBe('');
  });

  it('encodes each given field and leaves out empty ones', () => {
    expect(auditQuery({ user: 'u-1', entity: 'a b', action: 'item.', from: '2026-02-01T10:00:00.000Z', before: 42, limit: 50, to: '' })).toBe(
      '?user=u-1&entity=a+b&action=item.&from=2026-02-01T10%3A00%3A00.000Z&before=42&limit=50',
    );
  });
});
