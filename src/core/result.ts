/** Outcome of an operation that can fail on bad input; errors are human-readable, one per problem. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(errors: string[]): Result<T> {
  return { ok: false, errors };
}
