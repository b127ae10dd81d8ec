// `npm test`: type check, unit and server suites (Vitest), production build, end-to-end suites
// (Playwright in Debian Chromium). Ends with one plain "N passed, N failed" line and names every
// suite that could not run on this machine, so a green run never hides a missing one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const reports = mkdtempSync(join(tmpdir(), 'mejirushi-test-'));
// Same rule as server/testing/sampleData.ts: an empty or blank setting counts as unset.
const sampleDataEnv = process.env.MEJIRUSHI_SAMPLE_DATA;
const sampleData = resolve(root, sampleDataEnv && sampleDataEnv.trim() !== '' ? sampleDataEnv : '../shared/data');

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function firstLine(text) {
  return String(text ?? '').split('\n').find((line) => line.trim() !== '') ?? '';
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

let passed = 0;
let failed = 0;
const problems = [];

/**
 * The PostgreSQL suites fail test by test when their database cannot be reached; one probe first
 * says why, at the end of the output where CI's tail shows it.
 */
async function probePostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const result = await client.query('select version() as version');
    return { ok: true, text: String(result.rows[0]?.version ?? '').split(' on ')[0] };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUrl = process.env.MEJIRUSHI_TEST_PG_URL?.trim();
const pgWhere = pgUrl ? pgUrl.replace(/\/\/[^@/]*@/, '//') : null;
const postgres = pgUrl ? await probePostgres(pgUrl) : null;
if (postgres && !postgres.ok) problems.push(`PostgreSQL at ${pgWhere} cannot be reached: ${postgres.text}`);

if (!run('types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) problems.push('type check failed');

const unitJson = join(reports, 'vitest.json');
const unitOk = run('unit and server tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
const unit = readJson(unitJson);
const failedTests = [];
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  for (const file of unit.testResults) {
    const name = relative(root, file.name);
    const failures = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failures) failedTests.push(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file whose set-up failed has no tests to blame; its own message says why.
    if (file.status === 'failed' && failures.length === 0) failedTests.push(`${name}: ${firstLine(file.message)}`);
  }
}
if (!unitOk) problems.push('unit tests failed');

const built = run('production build', 'npx', ['vite', 'build']);
if (!built) problems.push('build failed');

const e2eJson = join(reports, 'playwright.json');
if (built) {
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  const e2e = readJson(e2eJson);
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
  }
  if (!e2eOk) problems.push('end-to-end tests failed');
}

console.log('\n== suites that did not run here');
const notRun = [];
if (!existsSync(join(sampleData, 'radiology'))) {
  notRun.push(`sample-data suites (DICOM importer and decoder on real files): no data at ${sampleData} (set MEJIRUSHI_SAMPLE_DATA)`);
}
if (!pgUrl) {
  notRun.push('PostgreSQL suites (migrations, sync protocol): MEJIRUSHI_TEST_PG_URL is not set');
}
console.log(notRun.length ? notRun.map((line) => `- ${line}`).join('\n') : 'none: every suite ran');
if (postgres?.ok) console.log(`PostgreSQL suites ran on ${postgres.text} at ${pgWhere}`);
if (failedTests.length > 0) {
  const shown = 40;
  console.log(`\n== unit tests that failed (${failedTests.length})`);
  for (const line of failedTests.slice(0, shown)) console.log(`- ${line.slice(0, 400)}`);
  if (failedTests.length > shown) console.log(`- … and ${failedTests.length - shown} more`);
}
for (const problem of problems) console.log(`FAILED: ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(problems.length ? 1 : 0);
