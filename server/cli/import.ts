/**
 * `npm run import -- <folder> --dataset <name> [--data <dir>] [--label-set <id>@<version>] [--assign <username>]`
 *
 * Imports every file under <folder> into a dataset (created with the SAH label set when absent),
 * printing one line per file and a summary. Into a dataset whose de-identification policy is
 * `required`, every DICOM file is de-identified first with the project key (server/deid), and
 * stored with its report; what cannot be is refused. Exit code 0 when anything is in the dataset after the
 * run (imported or already there), 1 when nothing could be imported, 2 on usage errors.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { DeidReport } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { prepareStorage } from '../bootstrap';
import { ConfigError, parseDatabaseUrl, parseFlags, SQLITE_FILE_NAME, type DatabaseConfig } from '../config';
import { openDatabase } from '../db/open';
import type { Database } from '../db/schema';
import { deidentifiedFiles } from '../deid/deidentifyFiles';
import { cliPixelStep, readConfirmedBoxes, type ConfirmedBoxes } from './redactBoxes';
import { readDeidKey, readDeidPolicy, saveDeidReport } from '../deid/policies';
import { importDicomFiles, type ImportFile } from '../import/importFiles';
import { warningSentence } from '../import/warningSentence';
import { assignItems, createDataset, findDatasetByName } from '../services/datasets';
import { labelSetStore } from '../services/labelSets';
import { WorkDirs } from '../workDirs/workDirs';
import { listFiles, readFiles } from './walk';

const USAGE = `Usage: npm run import -- <folder> --dataset <name> [options]
  --dataset <name>              dataset to import into (created when absent)
  --data <dir>                  data folder: database and blob store [MEJIRUSHI_DATA] (default: the server's ./data); DATABASE_URL selects PostgreSQL
  --label-set <id>@<version>    label set of a new dataset (default ${SAH_SLICE_LABEL_SET.id}@${SAH_SLICE_LABEL_SET.version})
  --assign <username>           assign every item of the dataset to this user
  --redact-boxes <file.json>    confirmed burned-in text boxes per file ({ "<file>": [{x,y,width,height}] }, [] for none), blacked out
                                in every frame; without it, files the policy asks to check for burned-in text are refused`;

interface ImportArgs {
  readonly folder: string;
  readonly dataset: string;
  readonly database: DatabaseConfig;
  /** Data folder: the SQLite file (unless DATABASE_URL) and the blob store. */
  readonly dataDir: string;
  readonly labelSet: { readonly id: string; readonly version: number };
  readonly assign: string | null;
  /** `--redact-boxes`: the confirmation file's boxes by file name. */
  readonly redactBoxes: ConfirmedBoxes;
}

/**
 * Paths typed on the command line (the folder, --data) are relative to the user's shell folder:
 * npm runs scripts in the package root and passes the shell folder as INIT_CWD. The default data
 * folder and MEJIRUSHI_DATA resolve against the package root, as the server's do, so both find
 * the same database.
 */
function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ImportArgs {
  const shellDir = env.INIT_CWD?.trim() || process.cwd();
  const { flags, rest } = parseFlags(argv, ['dataset', 'data', 'label-set', 'assign', 'redact-boxes']);
  if (rest.length !== 1) throw new ConfigError(rest.length === 0 ? 'give the folder to import' : `one folder only, got ${rest.length}`);
  const folder = resolve(shellDir, rest[0] as string);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ConfigError(`not a folder: ${folder}`);
  const dataset = flags.get('dataset')?.trim();
  if (!dataset) throw new ConfigError('--dataset <name> is required');
  const labelSetText = flags.get('label-set') ?? `${SAH_SLICE_LABEL_SET.id}@${SAH_SLICE_LABEL_SET.version}`;
  const match = /^([a-z0-9][a-z0-9._-]*)@([1-9]\d*)$/.exec(labelSetText);
  if (!match) throw new ConfigError(`--label-set must look like ${SAH_SLICE_LABEL_SET.id}@1, got "${labelSetText}"`);
  const url = env.DATABASE_URL?.trim();
  const dataFlag = flags.get('data');
  const dataDir = dataFlag === undefined ? resolve(env.MEJIRUSHI_DATA?.trim() || 'data') : resolve(shellDir, dataFlag);
  const database: DatabaseConfig = url ? parseDatabaseUrl(url) : { kind: 'sqlite', file: resolve(dataDir, SQLITE_FILE_NAME) };
  const boxesFile = flags.get('redact-boxes');
  let redactBoxes: ConfirmedBoxes = new Map();
  try {
    if (boxesFile !== undefined) redactBoxes = readConfirmedBoxes(resolve(shellDir, boxesFile));
  } catch (error) {
    throw new ConfigError(`--redact-boxes ${boxesFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { folder, dataset, database, dataDir, labelSet: { id: match[1] as string, version: Number(match[2]) }, assign: flags.get('assign') ?? null, redactBoxes };
}

function line(outcome: FileImportOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return [`imported   ${outcome.file}`, ...(outcome.warnings ?? []).map((warning) => `  note: ${warningSentence(warning)}`)].join('\n');
    case 'duplicate':
      return outcome.sopInstanceUid === undefined
        ? `duplicate  ${outcome.file} (the same file is already in the dataset)`
        : `duplicate  ${outcome.file} (SOPInstanceUID already in the dataset)`;
    case 'refused':
      return `refused    ${outcome.file}: ${outcome.reason}`;
  }
}

/**
 * "building tiles of a.svs: 30% (1200/4000 tiles)" at each tenth of a slide's pyramid, and the
 * same of a video's frames ("decoding frames of …") or a folder's stills ("reading stills, now …").
 */
function progressPrinter(what: (file: string) => string, unit: string): (file: string, done: number, total: number) => void {
  let shown = -1;
  return (file, done, total) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (done <= 1) shown = -1;
    if (tenth === shown) return;
    shown = tenth;
    console.log(`  ${what(file)}: ${tenth * 10}% (${done}/${total} ${unit})`);
  };
}

async function datasetId(db: Kysely<Database>, args: ImportArgs): Promise<string> {
  const existing = await findDatasetByName(db, args.dataset);
  if (existing) return existing.id;
  const { id, version } = args.labelSet;
  if (!(await labelSetStore(db).get(id, version))) throw new ConfigError(`unknown label set ${id}@${version}`);
  const created = await createDataset(db, { name: args.dataset, description: '', labelSetId: id, labelSetVersion: version }, null, new Date().toISOString());
  console.log(`created dataset "${args.dataset}" (label set ${id}@${version})`);
  return created.id;
}

async function run(args: ImportArgs): Promise<number> {
  const db = openDatabase(args.database);
  // Its work folders in its data folder, as a server's: a server starting meanwhile sees this process alive and leaves them.
  const workDirs = new WorkDirs(args.dataDir);
  try {
    const blobs = blobStoreIn(args.dataDir);
    await prepareStorage(db, blobs);
    const assignee = args.assign
      ? await db.selectFrom('users').select('id').where('username', '=', args.assign).executeTakeFirst()
      : undefined;
    if (args.assign && !assignee) throw new ConfigError(`no user "${args.assign}"`);
    const id = await datasetId(db, args);
    const paths = await listFiles(args.folder);
    const policy = await readDeidPolicy(db, id);
    const refusedBefore: FileImportOutcome[] = [];
    const deidReports: DeidReport[] = [];
    let files: AsyncIterable<ImportFile> = readFiles(args.folder, paths);
    if (policy.mode === 'required') {
      const raw = await readDeidKey(db, policy.keyId);
      if (!raw) throw new ConfigError(`the dataset's de-identification key ${policy.keyId} is missing`);
      console.log(`dataset "${args.dataset}" requires de-identification: each DICOM file and slide is de-identified before it is stored`);
      files = deidentifiedFiles(files, policy, importDeidKey(raw), blobs, workDirs, {
        refused: (name, outcome) => {
          refusedBefore.push(outcome);
          console.log(line({ ...outcome, file: name }));
        },
        deidentified: (report) => deidReports.push(report),
      }, (name) => cliPixelStep(policy.options, args.redactBoxes, name));
    }
    const imported = await importDicomFiles(db, id, files, null, {
      blobs,
      workDirs,
      onOutcome: (o) => console.log(line(o)),
      onSlideProgress: progressPrinter((file) => `building tiles of ${file}`, 'tiles'),
      onFrameProgress: progressPrinter((file) => `building frames, now ${file}`, 'frames'),
    });
    // A DICOM file's report is keyed by its SOP Instance UID, a slide's by its pseudonymous file name.
    const stored = new Set(imported.outcomes.flatMap((o) => (o.status === 'refused' ? [] : [o.sopInstanceUid, o.file])));
    for (const deidReport of deidReports) {
      if (stored.has(deidReport.sopInstanceUid)) await saveDeidReport(db, id, deidReport, new Date().toISOString());
    }
    const report = { outcomes: [...refusedBefore, ...imported.outcomes] };
    const outcomesOf = (status: FileImportOutcome['status']) => report.outcomes.filter((o) => o.status === status).length;
    const [importedCount, duplicates, refused] = [outcomesOf('imported'), outcomesOf('duplicate'), outcomesOf('refused')];
    const count = async (kind: string) =>
      Number((await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', id).where('kind', '=', kind).executeTakeFirstOrThrow()).n);
    const [seriesItems, slideItems, frameSets] = [await count('series'), await count('slide'), await count('frameSet')];
    if (assignee) {
      const { assigned } = await assignItems(db, id, assignee.id, null, null, new Date().toISOString());
      console.log(`assigned ${assigned} new item(s) to ${args.assign}`);
    }
    console.log(
      `${paths.length} file(s): ${importedCount} imported, ${duplicates} duplicate(s), ${refused} refused; ` +
        `dataset "${args.dataset}" has ${seriesItems} series item(s)${slideItems > 0 ? ` and ${slideItems} slide(s)` : ''}${frameSets > 0 ? ` and ${frameSets} frame set(s)` : ''}`,
    );
    if (importedCount + duplicates === 0) {
      console.error(paths.length === 0 ? 'nothing to import: the folder has no files' : 'nothing could be imported');
      return 1;
    }
    return 0;
  } finally {
    await workDirs.close();
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  try {
    process.exitCode = await run(parseArgs(argv, process.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`import: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error('import failed:', error);
  process.exitCode = 1;
});
