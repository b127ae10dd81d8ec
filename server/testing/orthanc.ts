/**
 * A real PACS for tests: Orthanc (Debian `orthanc`) with its DICOMweb plugin, on a free loopback
 * port with its own storage folder, no DICOM port and no authentication; stopped and removed by `stop`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export function hasOrthanc(): boolean {
  return existsSync(ORTHANC) && existsSync(DICOMWEB_PLUGIN);
}

export interface RunningOrthanc {
  /** REST root, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** DICOMweb root: `${url}/dicom-web`. */
  readonly dicomWeb: string;
  /** Stores a Part 10 file through Orthanc's REST API. */
  store(bytes: Uint8Array): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `extra`: settings over the defaults (`DicomWeb` merged into the plugin's), e.g. `AuthenticationEnabled` with `RegisteredUsers`. */
export async function startOrthanc(extra: Record<string, unknown> = {}): Promise<RunningOrthanc> {
  const { DicomWeb: dicomWeb, ...settings } = extra;
  const dir = await mkdtemp(join(tmpdir(), 'orthanc-'));
  const port = await freePort();
  const config = {
    Name: 'mejirushi-test',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'storage'),
    HttpPort: port,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    ...settings,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', ...((dicomWeb as object | undefined) ?? {}) },
  };
  await writeFile(join(dir, 'orthanc.json'), JSON.stringify(config));
  const child = spawn(ORTHANC, [join(dir, 'orthanc.json')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      // One that asks for a login answers 401 once it listens.
      const answer = await fetch(`${url}/system`);
      if (answer.ok || answer.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 300 || child.exitCode !== null) throw new Error(`Orthanc did not start on ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dicomWeb: `${url}/dicom-web`,
    async store(bytes) {
      const response = await fetch(`${url}/instances`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/dicom' } });
      if (!response.ok) throw new Error(`Orthanc refused an instance: ${response.status} ${await response.text()}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
