import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TOKEN_TTL_MS, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig([], {}, '/srv/app')).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      database: { kind: 'sqlite', file: '/srv/app/data/mejirushi.sqlite' },
      staticDir: '/srv/app/dist',
      tokenTtlMs: DEFAULT_TOKEN_TTL_MS,
      trustProxy: null,
      demoTileCacheBytes: 512 * 1024 * 1024,
      maxModelBytes: 512 * 1024 * 1024,
      importJobLeaseMs: 30_000,
      demoVideo: true,
      stagedUploads: { idleMs: 3_600_000, quotaBytes: 8 * 1024 ** 3 },
    });
    expect(DEFAULT_TOKEN_TTL_MS).toBe(12 * 3_600_000);
  });

  it('reads the demo tile cache bound in MiB and refuses anything else', () => {
    expect(loadConfig([], { MEJIRUSHI_DEMO_TILE_CACHE_MB: '64' }, '/x').demoTileCacheBytes).toBe(64 * 1024 * 1024);
    expect(() => loadConfig([], { MEJIRUSHI_DEMO_TILE_CACHE_MB: '1.5GB' }, '/x')).toThrow(/MEJIRUSHI_DEMO_TILE_CACHE_MB must be a whole number of MiB, got "1.5GB"/);
  });

  it('reads the model upload limit in MiB', () => {
    expect(loadConfig([], { MEJIRUSHI_MAX_MODEL_MB: '2048' }, '/x').maxModelBytes).toBe(2048 * 1024 * 1024);
    expect(() => loadConfig([], { MEJIRUSHI_MAX_MODEL_MB: 'lots' }, '/x')).toThrow(/MEJIRUSHI_MAX_MODEL_MB must be a whole number of MiB, got "lots"/);
  });

  it('reads the import job lease as a duration and refuses anything under a second', () => {
    expect(loadConfig([], { MEJIRUSHI_IMPORT_JOB_LEASE: '2m' }, '/x').importJobLeaseMs).toBe(120_000);
    expect(() => loadConfig([], { MEJIRUSHI_IMPORT_JOB_LEASE: '500ms' }, '/x')).toThrow(/MEJIRUSHI_IMPORT_JOB_LEASE must be a duration of at least 1s/);
  });

  it('reads the staged uploads idle time as a duration and their quota in MiB, refusing anything else', () => {
    const { stagedUploads } = loadConfig([], { MEJIRUSHI_STAGED_UPLOAD_IDLE: '20m', MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB: '100' }, '/x');
    expect(stagedUploads).toEqual({ idleMs: 20 * 60_000, quotaBytes: 100 * 1024 * 1024 });
    expect(() => loadConfig([], { MEJIRUSHI_STAGED_UPLOAD_IDLE: 'soon' }, '/x')).toThrow(/MEJIRUSHI_STAGED_UPLOAD_IDLE must be a duration of at least 1s/);
    expect(() => loadConfig([], { MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB: '-1' }, '/x')).toThrow(/MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB must be a whole number of MiB, got "-1"/);
  });

  it('turns the demo video off and on, and refuses anything else', () => {
    expect(loadConfig([], { MEJIRUSHI_DEMO_VIDEO: 'off' }, '/x').demoVideo).toBe(false);
    expect(loadConfig([], { MEJIRUSHI_DEMO_VIDEO: 'on' }, '/x').demoVideo).toBe(true);
    expect(() => loadConfig([], { MEJIRUSHI_DEMO_VIDEO: 'no' }, '/x')).toThrow(/MEJIRUSHI_DEMO_VIDEO must be on or off, got "no"/);
  });

  it('reads arguments before environment variables', () => {
    const env = { PORT: '9000', MEJIRUSHI_DATA: '/var/mj', MEJIRUSHI_TOKEN_TTL: '30m' };
    expect(loadConfig([], env, '/x')).toMatchObject({ port: 9000, dataDir: '/var/mj', tokenTtlMs: 1_800_000 });
    const config = loadConfig(['--port', '0', '--host=0.0.0.0', '--data', 'here', '--static', 'web', '--token-ttl', '7d', '--trust-proxy', '10.0.0.2'], env, '/x');
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: '/x/here', staticDir: '/x/web', tokenTtlMs: 7 * 86_400_000, trustProxy: '10.0.0.2' });
  });

  it('listens on loopback only, unless a TLS proxy is named or plain HTTP is accepted explicitly', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(loadConfig(['--host', host], {}, '/x').host).toBe(host);
    expect(() => loadConfig(['--host', '0.0.0.0'], {}, '/x')).toThrow(/would serve plain HTTP to the network.*--trust-proxy.*--plain-http yes/);
    expect(() => loadConfig(['--host', '192.168.1.5', '--plain-http', 'no'], {}, '/x')).toThrow(/--plain-http takes "yes"/);
    expect(loadConfig(['--host', '192.168.1.5', '--plain-http', 'yes'], {}, '/x')).toMatchObject({ host: '192.168.1.5', trustProxy: null });
    expect(loadConfig(['--host', '0.0.0.0'], { MEJIRUSHI_TRUST_PROXY: '10.0.0.2,10.0.0.3' }, '/x').trustProxy).toBe('10.0.0.2,10.0.0.3');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig([], { DATABASE_URL: 'postgres://u:p@db:5432/mejirushi' }, '/x');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/mejirushi' });
  });

  it('refuses bad values with a message naming the setting', () => {
    const bad: [string[], Record<string, string>, RegExp][] = [
      [['--port', '70000'], {}, /--port must be a port number/],
      [['--port', 'http'], {}, /--port/],
      [[], { PORT: '-1' }, /PORT must be a port number/],
      [['--token-ttl', '10'], {}, /--token-ttl must be a duration/],
      [['--token-ttl', '5y'], {}, /--token-ttl/],
      [['--colour', 'red'], {}, /unknown option --colour/],
      [['--port'], {}, /--port needs a value/],
      [['--data', '--port', '1'], {}, /--data needs a value/],
      [['serve'], {}, /unexpected argument "serve"/],
      [[], { DATABASE_URL: 'mysql://x' }, /postgres:\/\//],
      [[], { DATABASE_URL: 'not a url' }, /not a URL/],
    ];
    for (const [argv, env, message] of bad) {
      expect(() => loadConfig(argv, env, '/x'), argv.join(' ')).toThrow(ConfigError);
      expect(() => loadConfig(argv, env, '/x'), argv.join(' ')).toThrow(message);
    }
  });
});
