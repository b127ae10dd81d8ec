/**
 * What in a DICOM file still looks identifying under a policy: the check the server runs on every
 * upload to a dataset whose policy is `required`. It reads the same decisions de-identification
 * makes (resolveAction.ts): an attribute to be removed (X), emptied (Z) or replaced by a dummy
 * (D) that still holds something else, a private attribute not on the safe-list, a file that does
 * not say it was de-identified with at least the policy's profile and options. Findings name
 * attributes, never their values: they go back to the uploader and into logs.
 */
import type { DcmjsDataSet, DcmjsElement } from 'dcmjs';
import { firstText, isEmptyElement, itemsOf, privateCreatorsOf, tagLabel, textsOf } from './dataSet';
import { DUMMY_TEXT, readPart10 } from './deidentify';
import { instanceKindOf, type InstanceKind } from './instanceKind';
import { methodCodesOf, type DeidOptions } from './policy';
import { resolveAction } from './resolveAction';

export type FindingKind = 'identifying' | 'private' | 'identityNotRemoved' | 'methodMissing';

export interface IdentifyingFinding {
  /** `(0010,0010)`, nested `(0008,1140)[0].(0010,0010)`; for methodMissing the missing code. */
  readonly path: string;
  readonly keyword: string;
  readonly kind: FindingKind;
}

export interface DeidCheck {
  readonly findings: readonly IdentifyingFinding[];
  /** The file's SOP Instance UID ('' when it has none). */
  readonly sopInstanceUid: string;
}

/** Findings of a Part 10 file's bytes; throws NotDicomError when they are not one. */
export function checkDeidentified(bytes: Uint8Array, options: DeidOptions): DeidCheck {
  const { dict } = readPart10(bytes);
  return { findings: findIdentifyingInDataSet(dict, options), sopInstanceUid: firstText(dict, '00080018') };
}

export function findIdentifyingInDataSet(dict: DcmjsDataSet, options: DeidOptions): IdentifyingFinding[] {
  const findings: IdentifyingFinding[] = [];
  walk(dict, '', options, instanceKindOf(dict), findings);
  const removed = dict['00120062'];
  if (!removed || (textsOf(removed)[0] ?? '').trim().toUpperCase() !== 'YES') {
    findings.push({ path: tagLabel('00120062'), keyword: 'PatientIdentityRemoved', kind: 'identityNotRemoved' });
  }
  const declared = new Set(itemsOf(dict['00120064'] ?? { vr: 'SQ' }).map((item) => (textsOf(item['00080100'] ?? { vr: 'SH' })[0] ?? '').trim()));
  for (const code of methodCodesOf(options)) {
    if (!declared.has(code.value)) findings.push({ path: code.value, keyword: code.meaning, kind: 'methodMissing' });
  }
  return findings;
}

function walk(dataSet: DcmjsDataSet, path: string, options: DeidOptions, kind: InstanceKind, findings: IdentifyingFinding[]): void {
  const creators = privateCreatorsOf(dataSet);
  for (const [tag, element] of Object.entries(dataSet)) {
    const here = `${path}${tagLabel(tag)}`;
    const resolved = resolveAction(tag, element.vr, options, creators, kind);
    const walkItems = () => itemsOf(element).forEach((item, index) => walk(item, `${here}[${index}].`, options, kind, findings));
    if (!resolved) {
      walkItems();
      continue;
    }
    const { action, keyword } = resolved;
    if (keyword === 'Private' && action === 'X') {
      findings.push({ path: here, keyword, kind: 'private' });
    } else if (action === 'X' || action === 'Z') {
      if (!isEmptyElement(element)) findings.push({ path: here, keyword, kind: 'identifying' });
    } else if (action === 'D') {
      if (element.vr === 'SQ') walkItems();
      else if (!isDummy(element)) findings.push({ path: here, keyword, kind: 'identifying' });
    } else {
      walkItems();
    }
  }
}

function isDummy(element: DcmjsElement): boolean {
  // A UID of action D is remapped: it cannot be told from the original, as no U can.
  if (element.vr === 'UI' || isEmptyElement(element)) return true;
  return textsOf(element).every((text) => [DUMMY_TEXT, '19000101', '000000', '19000101000000', '0', '000D'].includes(text.trim()));
}
