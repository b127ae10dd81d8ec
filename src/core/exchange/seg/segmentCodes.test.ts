import { describe, expect, it } from 'vitest';
import { ABNORMAL_STRUCTURE, classOfSegmentType, LOCAL_SCHEME, segmentCodingOf } from './segmentCodes';
import { BLEED_QUESTION } from './__tests__/segFixtures';

const [bleed, other] = BLEED_QUESTION.classes as [(typeof BLEED_QUESTION.classes)[0], (typeof BLEED_QUESTION.classes)[0]];

describe('segment codes', () => {
  it('codes a class by its standard code, under the abnormal-structure category', () => {
    expect(segmentCodingOf(BLEED_QUESTION, bleed)).toEqual({ category: ABNORMAL_STRUCTURE, type: { scheme: 'SCT', value: '50960005', meaning: 'Hemorrhage' }, warning: null });
  });

  it('codes a class without one under our private scheme, with a warning', () => {
    const coding = segmentCodingOf(BLEED_QUESTION, other);
    expect(coding.type).toEqual({ scheme: LOCAL_SCHEME, value: 'other', meaning: 'other' });
    expect(coding.warning).toMatch(/^class "other" of question "bleed" has no standard code/);
  });

  it('maps a segment back by its code: standard codes to the coded class, private ones to the class of that code', () => {
    expect(classOfSegmentType(BLEED_QUESTION, { scheme: 'SCT', value: '50960005', meaning: 'whatever' })).toBe('bleed');
    expect(classOfSegmentType(BLEED_QUESTION, { scheme: LOCAL_SCHEME, value: 'other', meaning: '' })).toBe('other');
    // A private code of a class that has a standard one, or a code of another scheme, maps to nothing.
    expect(classOfSegmentType(BLEED_QUESTION, { scheme: LOCAL_SCHEME, value: 'bleed', meaning: '' })).toBeNull();
    expect(classOfSegmentType(BLEED_QUESTION, { scheme: 'SRT', value: '50960005', meaning: '' })).toBeNull();
  });
});
