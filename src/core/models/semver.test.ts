import { describe, expect, it } from 'vitest';
import { compareSemver } from './semver';

describe('compareSemver', () => {
  it('orders by semver precedence, not as text', () => {
    const versions = ['1.0.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '0.9.10', '0.10.0', '2.0.0', '1.0.0-alpha.beta', '10.0.0'];
    expect([...versions].sort(compareSemver)).toEqual([
      '0.9.10',
      '0.10.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '10.0.0',
    ]);
  });

  it('ignores build metadata and refuses what is not a version', () => {
    expect(compareSemver('1.2.3+build.1', '1.2.3')).toBe(0);
    expect(() => compareSemver('1.2', '1.2.0')).toThrow('not a semantic version: 1.2');
  });
});
