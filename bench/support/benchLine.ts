/**
 * The machine-readable line that ends each benchmark figure:
 * `BENCH <name> <measure> value=<v> baseline=<b> ratio=<r>`, where ratio = value / baseline and
 * lower is better (a time against a baseline time, a cost against its budget).
 */
const figure = (n: number): string => String(Number(n.toFixed(3)));

/** A count against a budget of zero (long tasks: goal 0) prints the count itself as its ratio. */
export function benchLine(name: string, measure: string, value: number, baseline: number): string {
  if (/\s/.test(name) || /\s/.test(measure)) throw new Error(`BENCH names have no spaces: "${name}" "${measure}"`);
  const ratio = baseline === 0 ? value : value / baseline;
  return `BENCH ${name} ${measure} value=${figure(value)} baseline=${figure(baseline)} ratio=${figure(ratio)}`;
}

export function printBench(name: string, measure: string, value: number, baseline: number): void {
  console.log(benchLine(name, measure, value, baseline));
}
