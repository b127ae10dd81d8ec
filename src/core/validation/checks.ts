/**
 * Building blocks of the hand-written validators: each check reports problems against a path
 * such as `records["x"].classCodes[0]` so a 400 names exactly what is wrong.
 */

/** More than this many problems in one value are summarised, so a 400 body stays readable. */
const MAX_ERRORS = 50;

export class Issues {
  readonly errors: string[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(`${path || '(root)'}: ${message}`);
    else this.dropped += 1;
  }

  get count(): number {
    return this.errors.length + this.dropped;
  }

  list(): string[] {
    return this.dropped > 0 ? [...this.errors, `… and ${this.dropped} more`] : [...this.errors];
  }
}

export function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function atIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function atKey(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

export type Obj = Readonly<Record<string, unknown>>;

export function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks that `x` is an object with only `allowed` keys; reports and returns null otherwise. */
export function object(x: unknown, path: string, issues: Issues, allowed: readonly string[]): Obj | null {
  if (!isObject(x)) {
    issues.add(path, `expected an object, got ${describe(x)}`);
    return null;
  }
  for (const key of Object.keys(x)) {
    if (!allowed.includes(key)) issues.add(at(path, key), 'unknown property');
  }
  return x;
}

export function string(x: unknown, path: string, issues: Issues, opts: { allowEmpty?: boolean } = {}): x is string {
  if (typeof x !== 'string') {
    issues.add(path, `expected a string, got ${describe(x)}`);
    return false;
  }
  if (!opts.allowEmpty && x.trim() === '') {
    issues.add(path, 'must not be empty');
    return false;
  }
  return true;
}

export function finite(x: unknown, path: string, issues: Issues): x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    issues.add(path, `expected a finite number, got ${describe(x)}`);
    return false;
  }
  return true;
}

/** The largest integer a stored counter (version, revision, size in px) holds: PostgreSQL's `integer`. */
export const INT32_MAX = 2_147_483_647;

/** An integer in [min, INT32_MAX]: larger values cannot be stored, so they are refused here, not by the database. */
export function integer(x: unknown, path: string, issues: Issues, min?: number): x is number {
  if (typeof x !== 'number' || !Number.isInteger(x) || (min !== undefined && x < min)) {
    issues.add(path, min === undefined ? `expected an integer, got ${describe(x)}` : `expected an integer ≥ ${min}, got ${describe(x)}`);
    return false;
  }
  if (Math.abs(x) > INT32_MAX) {
    issues.add(path, `expected an integer of at most ${INT32_MAX} in size, got ${x}`);
    return false;
  }
  return true;
}

export function array(x: unknown, path: string, issues: Issues): x is readonly unknown[] {
  if (!Array.isArray(x)) {
    issues.add(path, `expected an array, got ${describe(x)}`);
    return false;
  }
  return true;
}

export function oneOf<T extends string>(x: unknown, values: readonly T[], path: string, issues: Issues): x is T {
  if (typeof x !== 'string' || !(values as readonly string[]).includes(x)) {
    issues.add(path, `expected one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describe(x)}`);
    return false;
  }
  return true;
}

/** A tuple of `length` finite numbers, e.g. a point or a position. */
export function numbers(x: unknown, length: number, path: string, issues: Issues): x is readonly number[] {
  if (!array(x, path, issues)) return false;
  if (x.length !== length) {
    issues.add(path, `expected ${length} numbers, got ${x.length}`);
    return false;
  }
  let good = true;
  x.forEach((v, i) => {
    good = finite(v, atIndex(path, i), issues) && good;
  });
  return good;
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** ISO-8601 UTC with a `Z`, and a real calendar instant (no 31 February). */
export function isoTime(x: unknown, path: string, issues: Issues): x is string {
  if (typeof x !== 'string') {
    issues.add(path, `expected an ISO-8601 UTC time, got ${describe(x)}`);
    return false;
  }
  const m = ISO_UTC.exec(x);
  const ms = Date.parse(x);
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== x.slice(0, 19)) {
    issues.add(path, `expected an ISO-8601 UTC time like "2024-01-31T09:00:00.000Z", got ${JSON.stringify(x)}`);
    return false;
  }
  return true;
}

/** Short description of a bad value for an error message; never dumps a large value. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return x.length > 40 ? `a string of length ${x.length}` : JSON.stringify(x);
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return typeof x === 'object' ? 'an object' : typeof x;
}
