/**
 * SR content items (PS3.3 C.17.3) as naturalized data sets dcmjs writes: each names its concept
 * by code and carries one value of its value type; containers nest their children.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import { codeItem } from '../seg/dicomAttributes';
import type { CodedConcept } from '../seg/segmentCodes';

export type Relationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS ACQ CONTEXT';

/** An instance (or one frame, or one segment of a SEG) an IMAGE item refers to. */
export interface InstanceReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** 1-based frame of a multi-frame instance. */
  readonly frame?: number;
  readonly segmentNumber?: number;
}

function item(relationship: Relationship, valueType: string, name: CodedConcept, value: DcmjsNaturalDataSet): DcmjsNaturalDataSet {
  return { RelationshipType: relationship, ValueType: valueType, ConceptNameCodeSequence: [codeItem(name)], ...value };
}

/** The document's root: a container with no relationship to a parent, its template named. */
export function rootContainer(title: CodedConcept, template: string, children: readonly DcmjsNaturalDataSet[]): DcmjsNaturalDataSet {
  return {
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(title)],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }],
    ContentSequence: [...children],
  };
}

export function container(relationship: Relationship, name: CodedConcept, children: readonly DcmjsNaturalDataSet[]): DcmjsNaturalDataSet {
  return item(relationship, 'CONTAINER', name, { ContinuityOfContent: 'SEPARATE', ContentSequence: [...children] });
}

export function codeValue(relationship: Relationship, name: CodedConcept, value: CodedConcept, children: readonly DcmjsNaturalDataSet[] = []): DcmjsNaturalDataSet {
  return item(relationship, 'CODE', name, { ConceptCodeSequence: [codeItem(value)], ...(children.length > 0 ? { ContentSequence: [...children] } : {}) });
}

export function textValue(relationship: Relationship, name: CodedConcept, value: string): DcmjsNaturalDataSet {
  return item(relationship, 'TEXT', name, { TextValue: value });
}

export function uidValue(relationship: Relationship, name: CodedConcept, uid: string): DcmjsNaturalDataSet {
  return item(relationship, 'UIDREF', name, { UID: uid });
}

/**
 * A display name as PN: all of it the family-name component, closed by `^` (a PN without any
 * delimiter is the retired single-component form). `^` `=` and `\` separate components, groups
 * and values there, so inside the name they become spaces.
 */
export function personName(person: string): string {
  return `${person.replace(/[\\^=]/g, ' ').slice(0, 63)}^`;
}

export function personValue(relationship: Relationship, name: CodedConcept, person: string): DcmjsNaturalDataSet {
  return item(relationship, 'PNAME', name, { PersonName: [{ Alphabetic: personName(person) }] });
}

/** A Decimal String of at most 16 characters (PS3.5 6.2): 8 significant digits are ample for ml and HU. */
export function decimalString(value: number): string {
  return String(Number(value.toPrecision(8)));
}

export function numValue(
  relationship: Relationship,
  name: CodedConcept,
  value: number,
  unit: CodedConcept,
  children: readonly DcmjsNaturalDataSet[] = [],
): DcmjsNaturalDataSet {
  return item(relationship, 'NUM', name, {
    MeasuredValueSequence: [{ NumericValue: decimalString(value), MeasurementUnitsCodeSequence: [codeItem(unit)] }],
    ...(children.length > 0 ? { ContentSequence: [...children] } : {}),
  });
}

/** An IMAGE item; its concept name may be left out (an Image Library entry has none). */
export function imageValue(relationship: Relationship, name: CodedConcept | null, reference: InstanceReference): DcmjsNaturalDataSet {
  const value = {
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: reference.sopClassUid,
        ReferencedSOPInstanceUID: reference.sopInstanceUid,
        ...(reference.frame === undefined ? {} : { ReferencedFrameNumber: reference.frame }),
        ...(reference.segmentNumber === undefined ? {} : { ReferencedSegmentNumber: reference.segmentNumber }),
      },
    ],
  };
  return name ? item(relationship, 'IMAGE', name, value) : { RelationshipType: relationship, ValueType: 'IMAGE', ...value };
}
