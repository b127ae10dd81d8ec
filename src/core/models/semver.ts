/** Ordering of semantic versions (semver.org 2.0.0 precedence), to find a model's newest version. */

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Negative when `a` precedes `b`, positive when it follows, 0 when equal in precedence (build metadata is ignored). */
export function compareSemver(a: string, b: string): number {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb) throw new Error(`not a semantic version: ${ma ? b : a}`);
  for (let i = 1; i <= 3; i += 1) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return d;
  }
  const pa = ma[4];
  const pb = mb[4];
  // A pre-release precedes its release.
  if (pa === undefined || pb === undefined) return (pa === undefined ? 1 : 0) - (pb === undefined ? 1 : 0);
  const xa = pa.split('.');
  const xb = pb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i += 1) {
    const ia = xa[i];
    const ib = xb[i];
    if (ia === undefined || ib === undefined) return ia === undefined ? -1 : 1;
    const d = compareIdentifier(ia, ib);
    if (d !== 0) return d;
  }
  return 0;
}

/** Numeric identifiers compare as numbers and precede alphanumeric ones, which compare as ASCII. */
function compareIdentifier(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
