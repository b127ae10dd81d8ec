import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from './result';

function parsePositive(x: number): Result<number> {
  return x > 0 ? ok(x) : fail([`${x} is not positive`]);
}

describe('Result', () => {
  it('narrows on ok', () => {
    const good = parsePositive(3);
    const bad = parsePositive(-1);
    expect(good).toEqual({ ok: true, value: 3 });
    expect(bad).toEqual({ ok: false, errors: ['-1 is not positive'] });
    if (bad.ok) throw new Error('expected a failure');
    expect(bad.errors).toHaveLength(1);
  });
});
