/**
 * The PACS push form's fields as the request the server takes: the same URL and credential fields
 * as the pull form, which objects (SEG, SR) and whose document; empty fields left out.
 */
import type { DicomwebPushRequest, PushedObject } from '../../core/api';
import type { MessageKey } from '../../i18n';
import { pacsConnectionOf, type PacsConnectionForm } from './pacsConnection';

export interface PacsPushForm extends PacsConnectionForm {
  readonly seg: boolean;
  readonly sr: boolean;
  /** `consensus` or a reader's user id. */
  readonly reader: string;
}

export const EMPTY_PACS_PUSH_FORM: PacsPushForm = { baseUrl: '', username: '', password: '', seg: true, sr: true, reader: 'consensus' };

export type PacsPushRequestResult = { readonly request: DicomwebPushRequest } | { readonly problem: MessageKey };

export function pacsPushRequest(form: PacsPushForm): PacsPushRequestResult {
  const pacs = pacsConnectionOf(form);
  if ('problem' in pacs) return pacs;
  const objects = (['seg', 'sr'] as const).filter((object: PushedObject) => form[object]);
  if (objects.length === 0) return { problem: 'pacsPush.problem.objects' };
  return { request: { ...pacs.request, objects, reader: form.reader } };
}
