/**
 * GET /api/audit (admin) → AuditEntry[] newest first. Filters: `user` (user id), `entity` (entity
 * id), `action` (prefix, e.g. `annotation.`), `from`/`to` (ISO times, inclusive); page back with
 * `before=<seq>` of the last entry shown.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  /** The user's display name; null when the write had no user or the account is gone. */
  readonly userName: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly revision: number | null;
  /** The write's detail object (comment, file name…). */
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Where the audit hash chain first fails: a row's fields changed, a row gone, or a link that does not join. */
export type AuditChainBreakKind = 'edited' | 'missing' | 'broken-link';

/** GET /api/audit/verify (admin) and `npm run audit:check`. */
export interface AuditChainVerdict {
  readonly ok: boolean;
  /** Sealed rows the check walked. */
  readonly checked: number;
  /** The chain's length as its head records it. */
  readonly length: number;
  /** The last sealed row's hash as the head records it: kept elsewhere, it shows a rewritten chain too. */
  readonly headHash: string | null;
  readonly break: {
    readonly kind: AuditChainBreakKind;
    /** The chain place where the break shows. */
    readonly chainIndex: number;
    /** The row at that place, when there is one. */
    readonly seq: number | null;
    /** An English sentence. */
    readonly message: string;
  } | null;
}
