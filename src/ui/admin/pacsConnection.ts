/**
 * The PACS's address and the user to sign in as, as the pull and push forms both take them: the
 * service root trimmed and required, the user trimmed, and the password sent as typed (spaces may
 * be part of it) and only with a user.
 */
import type { DicomwebCredentials } from '../../core/api';
import type { MessageKey } from '../../i18n';

export interface PacsConnectionForm {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
}

export type PacsConnection = DicomwebCredentials & { readonly baseUrl: string };

export function pacsConnectionOf(form: PacsConnectionForm): { readonly request: PacsConnection } | { readonly problem: MessageKey } {
  const baseUrl = form.baseUrl.trim();
  if (!baseUrl) return { problem: 'pacsPull.problem.baseUrl' };
  const username = form.username.trim();
  const credentials = username ? { username, ...(form.password ? { password: form.password } : {}) } : {};
  return { request: { baseUrl, ...credentials } };
}
