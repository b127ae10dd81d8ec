/**
 * `npm start`: opens the database, prepares it (first start: admin + demo dataset), serves the
 * API and the built SPA, and stops cleanly on SIGINT/SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildApp } from './app';
import { blobStoreIn } from './blobs/diskBlobStore';
import { bootstrap } from './bootstrap';
import { CONFIG_USAGE, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/open';
import { DemoPaintPool } from './demo/slide/paintPool';
import { demoSlideTileLookup } from './demo/slide/tileSource';
import { DemoSlideTiles } from './demo/slide/tiles';
import { hasBuiltApp } from './plugins/spa';
import { sealAuditChain } from './services/auditChain/seal';
import { WorkDirs } from './workDirs/workDirs';

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: npm start -- [options]\n${CONFIG_USAGE}`);
    return;
  }
  let config;
  try {
    config = loadConfig(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`mejirushi: ${error.message}\n\n${CONFIG_USAGE}`);
    process.exitCode = 2;
    return;
  }

  const db = openDatabase(config.database);
  // SQLite: sign-in checks read on their own connection, so a long write does not hold them up.
  const reads = config.database.kind === 'sqlite' ? openDatabase(config.database) : db;
  const closeDatabases = async (): Promise<void> => {
    if (reads !== db) await reads.destroy();
    await db.destroy();
  };
  const blobs = blobStoreIn(config.dataDir);
  // This instance's work folders, in the data folder: the start sweeps around them, the server works in them.
  const workDirs = new WorkDirs(config.dataDir, undefined, config.importJobLeaseMs);
  const started = await bootstrap(db, { dataDir: config.dataDir, blobs, workDirs, demoVideo: config.demoVideo, importJobLeaseMs: config.importJobLeaseMs });
  if (started.adminPassword) {
    console.log(`Admin account created. Username: admin  One-time password: ${started.adminPassword}`);
    console.log('(Shown only this once. You will be asked to choose a new password at first sign-in.)');
  }
  if (started.demoDatasetId) console.log('Demo dataset created: "SAH demo (synthetic head CT)", assigned to admin.');
  if (started.demoVideoSkipped) console.log(started.demoVideoSkipped);
  const swept = started.workDirsSwept;
  // A count and bytes only: the folders' names may carry a patient's.
  if (swept.folders > 0) console.log(`Removed the work folders of ${swept.folders} stopped server(s): ${(swept.bytes / 1024 / 1024).toFixed(1)} MiB.`);
  await blobs.removeStaleTemps();
  // Rows written while no server ran (the import CLI) join the audit chain now.
  await sealAuditChain(db);

  if (!hasBuiltApp(config.staticDir)) console.log(`Note: no built app in ${config.staticDir} (run npm run build); serving the API only.`);
  // The generated demo slide paints its tiles on demand, on worker threads, kept on disk once painted.
  const demoPainter = new DemoPaintPool();
  const demoTiles = new DemoSlideTiles({
    diskCacheDir: join(config.dataDir, 'demo', 'slide-tiles'),
    diskCacheBytes: config.demoTileCacheBytes,
    paint: (level, x, y) => demoPainter.paint(level, x, y),
  });
  const app = await buildApp({
    db,
    reads,
    blobs,
    staticDir: config.staticDir,
    tokenTtlMs: config.tokenTtlMs,
    logger: true,
    trustProxy: config.trustProxy,
    maxModelBytes: config.maxModelBytes,
    importJobLeaseMs: config.importJobLeaseMs,
    stagedUploads: config.stagedUploads,
    dataDir: config.dataDir,
    workDirs,
    tileSources: [demoSlideTileLookup(db, demoTiles)],
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as { code?: string }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `mejirushi: port ${config.port} on ${config.host} is in use; pick another with --port or PORT`
        : `mejirushi: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
    await demoPainter.close();
    await workDirs.close();
    await closeDatabases();
    process.exitCode = 1;
    return;
  }
  // Stopping is armed before the line that tells a supervisor (or a test) the server is up, which may signal at once.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1); // a second signal: the user wants out now
    stopping = true;
    console.log(`${signal}: stopping…`);
    void app
      .close()
      .then(() => demoPainter.close())
      // After the app's close, which waits for running imports.
      .then(() => workDirs.close())
      .then(closeDatabases)
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`Mejirushi is running at ${urlOf(app.server.address() as AddressInfo)}`);
}

main().catch((error: unknown) => {
  console.error('mejirushi: failed to start:', error);
  process.exit(1);
});
