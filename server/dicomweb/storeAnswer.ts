/**
 * A PACS's STOW-RS store response (PS3.18 §10.5.3) read back, the other side of storeResponse.ts:
 * which SOP Instance UIDs it references (stored; a duplicate is the same instance), which it lists
 * as failed, with the Failure Reason and, where the PACS gives it, the reason in words.
 */
import type { DicomJson } from './dicomJson';

export interface StoreAnswer {
  readonly referenced: ReadonlySet<string>;
  /** SOP Instance UID → why it was refused. */
  readonly failed: ReadonlyMap<string, string>;
}

const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';
const ERROR_COMMENT = '00000902';

/** Items of a sequence attribute: none when it is absent or empty (Orthanc sends an empty FailedSOPSequence without Value). */
function itemsOf(body: DicomJson, tag: string): DicomJson[] {
  const value = body[tag]?.Value;
  return Array.isArray(value) ? value.filter((item): item is DicomJson => typeof item === 'object' && item !== null) : [];
}

function firstValue(item: DicomJson, tag: string): unknown {
  const value = item[tag]?.Value;
  return Array.isArray(value) ? value[0] : undefined;
}

export function readStoreAnswer(body: unknown): StoreAnswer {
  const json = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as DicomJson) : {};
  const referenced = new Set<string>();
  for (const item of itemsOf(json, REFERENCED_SOP_SEQUENCE)) {
    const uid = firstValue(item, REFERENCED_SOP_INSTANCE_UID);
    if (typeof uid === 'string') referenced.add(uid);
  }
  const failed = new Map<string, string>();
  for (const item of itemsOf(json, FAILED_SOP_SEQUENCE)) {
    const uid = firstValue(item, REFERENCED_SOP_INSTANCE_UID);
    if (typeof uid !== 'string') continue;
    const code = firstValue(item, FAILURE_REASON);
    const comment = firstValue(item, ERROR_COMMENT);
    const codeText = typeof code === 'number' ? `failure reason 0x${code.toString(16).toUpperCase().padStart(4, '0')}` : 'no failure reason given';
    failed.set(uid, `the PACS refused it (${codeText})${typeof comment === 'string' && comment !== '' ? `: ${comment}` : ''}`);
  }
  return { referenced, failed };
}
