/** The audit viewer's filter as GET /api/audit's query string (see AuditEntry in core/api/audit.ts). */
export interface AuditFilter {
  /** User id. */
  readonly user?: string;
  /** Entity id, e.g. an item's. */
  readonly entity?: string;
  /** Start of the action name, e.g. `annotation.`. */
  readonly action?: string;
  /** ISO times, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Entries older than this seq. */
  readonly before?: number;
  readonly limit?: number;
}

/** `?user=…&action=…`, leaving out empty fields; '' when nothing filters. */
export function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter) as [string, string | number | undefined][]) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
