/** A DICOM WSI's label is dropped under a policy whatever its attributes; its tissue levels are judged as any DICOM file. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY, type DeidPolicy } from '../../src/core/deid/policy';
import { makeWsiFixtures, missingFixtureTools, readFixture, type WsiFixtures } from '../testing/dicomWsiFixtures';
import { judgeDeid, refusalOf } from './enforcePolicy';
import { isSlideLabelOrOverview } from './slideLabelInstance';

const REQUIRED: DeidPolicy = { mode: 'required', options: BASIC_PROFILE_ONLY, keyId: 'project' };

describe.runIf(missingFixtureTools() === null)('slide label instances under a de-identification policy', () => {
  let fixtures: WsiFixtures;
  beforeAll(async () => {
    fixtures = await makeWsiFixtures();
  }, 120_000);
  afterAll(() => {
    if (fixtures) rmSync(fixtures.dir, { recursive: true, force: true });
  });

  it('tells the label instance from the pyramid levels', () => {
    expect(isSlideLabelOrOverview(readFixture(fixtures.label))).toBe(true);
    expect(isSlideLabelOrOverview(readFixture(fixtures.fullLevel2))).toBe(false);
    expect(isSlideLabelOrOverview(readFixture(fixtures.fullLevel0[0]))).toBe(false);
  });

  it('refuses the label as dropped, not as still identifying, so no attribute list is asked for', () => {
    const verdict = judgeDeid(REQUIRED, readFixture(fixtures.label));
    expect(verdict.admitted).toBe(false);
    if (verdict.admitted) return;
    expect(refusalOf(verdict)).toMatchObject({ status: 'refused', code: 'slideLabelDropped' });
    // A pyramid level is judged by its attributes (the fixtures are not de-identified).
    const level = judgeDeid(REQUIRED, readFixture(fixtures.fullLevel2));
    expect(level.admitted === false && refusalOf(level)).toMatchObject({ status: 'refused', code: 'stillIdentifying' });
  });

  it('admits anything under policy off', () => {
    expect(judgeDeid({ mode: 'off' }, readFixture(fixtures.label)).admitted).toBe(true);
  });
});
