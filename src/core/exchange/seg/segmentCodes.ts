/**
 * Segment codes ↔ label-set classes. A SEG segment names what it is by a coded Segmented
 * Property Type (the class's standard code) within a Category; a class with no standard code is
 * written under a private scheme with its own code, so our own import maps it back exactly.
 */
import type { LabelClass, Question } from '../../labelSet';

/** A DICOM code sequence item: Coding Scheme Designator, Code Value, Code Meaning. */
export interface CodedConcept {
  readonly scheme: string;
  readonly value: string;
  readonly meaning: string;
}

/** Private coding scheme of classes without a standard code (PS3.16 8.2: private designators start with 99). */
export const LOCAL_SCHEME = '99MEJIRUSHI';

/**
 * Every segment's category: what region questions outline (a bleed, a lesion) is abnormal
 * structure. SCT 49755003 "Morphologically abnormal structure" (CID 7150).
 */
export const ABNORMAL_STRUCTURE: CodedConcept = { scheme: 'SCT', value: '49755003', meaning: 'Morphologically abnormal structure' };

export interface SegmentCoding {
  readonly category: CodedConcept;
  readonly type: CodedConcept;
  /** Why the code is a local one, for the exporter's report; null when the class has a standard code. */
  readonly warning: string | null;
}

export function segmentCodingOf(question: Pick<Question, 'id'>, labelClass: LabelClass): SegmentCoding {
  const { coding } = labelClass;
  if (coding) return { category: ABNORMAL_STRUCTURE, type: { scheme: coding.scheme, value: coding.code, meaning: coding.meaning }, warning: null };
  return {
    category: ABNORMAL_STRUCTURE,
    type: { scheme: LOCAL_SCHEME, value: labelClass.code, meaning: labelClass.name.en },
    warning: `class "${labelClass.code}" of question "${question.id}" has no standard code: its segment is coded ${LOCAL_SCHEME} "${labelClass.code}", which other software will not recognise`,
  };
}

/**
 * The class of `question` a segment of type `type` stands for: the class with that standard code,
 * or, under our private scheme, the class with that code; null when none is.
 */
export function classOfSegmentType(question: Pick<Question, 'classes'>, type: CodedConcept): string | null {
  const found = question.classes.find((c) =>
    type.scheme === LOCAL_SCHEME ? !c.coding && c.code === type.value : c.coding?.scheme === type.scheme && c.coding.code === type.value,
  );
  return found?.code ?? null;
}
