/** Reading dcmjs data sets: values as text, emptiness, private creators, tag labels for reports. */
import type { DcmjsDataSet, DcmjsElement, DcmjsPersonName } from 'dcmjs';
import { isPrivateTag, type PrivateCreators } from './resolveAction';

/** `(0010,0010)` */
export function tagLabel(tag: string): string {
  return `(${tag.slice(0, 4)},${tag.slice(4)})`;
}

function isPersonName(value: unknown): value is DcmjsPersonName {
  return typeof value === 'object' && value !== null && !(value instanceof ArrayBuffer) && ('Alphabetic' in value || 'Ideographic' in value || 'Phonetic' in value);
}

/** Every text of an element's values (a person name's three groups each); numbers as written; none for binary or sequences. */
export function textsOf(element: DcmjsElement): string[] {
  if (element.vr === 'SQ') return [];
  const texts: string[] = [];
  for (const value of element.Value ?? []) {
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'number') texts.push(String(value));
    else if (isPersonName(value)) texts.push(...[value.Alphabetic, value.Ideographic, value.Phonetic].filter((part): part is string => !!part));
  }
  return texts;
}

/** True when the element holds nothing: no values, or only blank ones, or an empty sequence. */
export function isEmptyElement(element: DcmjsElement): boolean {
  const values = element.Value ?? [];
  if (values.length === 0) return true;
  if (element.vr === 'SQ') return false;
  if (values.some((value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value))) {
    return values.every((value) => (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) && value.byteLength === 0);
  }
  return textsOf(element).every((text) => text.trim() === '') && !values.some((value) => typeof value === 'number');
}

/** The items of a sequence element. */
export function itemsOf(element: DcmjsElement): DcmjsDataSet[] {
  return element.vr === 'SQ' ? ((element.Value ?? []) as DcmjsDataSet[]) : [];
}

/** The private creator elements (gggg,0010–00FF) of a data set, by tag. */
export function privateCreatorsOf(dataSet: DcmjsDataSet): PrivateCreators {
  const creators = new Map<string, string>();
  for (const [tag, element] of Object.entries(dataSet)) {
    const elementNumber = Number.parseInt(tag.slice(4), 16);
    if (isPrivateTag(tag) && elementNumber >= 0x10 && elementNumber <= 0xff) creators.set(tag, (textsOf(element)[0] ?? '').trim());
  }
  return creators;
}

/** The first text value of an attribute, trimmed, or '' when absent. */
export function firstText(dataSet: DcmjsDataSet, tag: string): string {
  const element = dataSet[tag];
  return element ? (textsOf(element)[0] ?? '').trim() : '';
}
