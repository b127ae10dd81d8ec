import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../core/annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../core/labelSets/builtin';
import { versionCodes } from './labelColors';

const group = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.target === 'slide')!;
const provenance = { source: 'human', decision: 'accepted' } as unknown as AnnotationRecord['provenance'];
const base = { id: 'r1', provenance } as const;

describe('versionCodes', () => {
  it("names a label's answer to the question, and nothing for another question's", () => {
    const label = { ...base, type: 'label', questionId: group.id, targetId: 't', classCodes: ['group.3'] } as unknown as AnnotationRecord;
    expect(versionCodes(label, group)).toEqual(['group.3']);
    expect(versionCodes({ ...label, questionId: 'other' } as AnnotationRecord, group)).toEqual([]);
  });

  it("names an outline's class (a slide's conflicting outline is shown by its lesion class)", () => {
    const shape = { ...base, type: 'shape', classCode: 'lesion.other', geometry: { type: 'point', point: [1, 2] } } as unknown as AnnotationRecord;
    expect(versionCodes(shape, group)).toEqual(['lesion.other']);
  });

  it('names nothing for a deleted version', () => {
    expect(versionCodes(null, group)).toEqual([]);
  });
});
