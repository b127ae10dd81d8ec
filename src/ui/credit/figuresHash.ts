/** sha256 (hex) of the report's canonical figures text, as a certificate prints it; null where the page has no WebCrypto (not a secure context). */
import type { CreditReport } from '../../core/api';
import { creditFiguresText } from '../../core/dashboard';

export async function figuresHash(report: CreditReport): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(creditFiguresText(report)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
