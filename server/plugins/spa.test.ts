import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestServer, type TestServer } from '../testing/testServer';
import { CONTENT_SECURITY_POLICY } from './securityHeaders';

function expectIsolationHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}

describe('serving the SPA', () => {
  let server: TestServer;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'mejirushi-dist-'));
    mkdirSync(join(staticDir, 'assets', 'workers'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Mejirushi</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(staticDir, 'assets', 'index-3f2a1b.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'index-3f2a1b.js.map'), '{}');
    writeFileSync(join(staticDir, 'assets', 'workers', 'decode-99aa.js'), '');
    server = await startTestServer('sqlite', { staticDir });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, revalidated each time', async () => {
    for (const url of ['/', '/datasets/abc', '/items/1/slices?x=1']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<title>Mejirushi</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expectIsolationHeaders(response);
    }
  });

  it('caches hashed assets for good and answers missing files with 404', async () => {
    const asset = await server.app.inject({ method: 'GET', url: '/assets/index-3f2a1b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectIsolationHeaders(asset);
    const icon = await server.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
    for (const url of ['/assets/gone-123.js', '/missing.png']) {
      const missing = await server.app.inject({ method: 'GET', url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json()).toMatchObject({ error: 'not_found' });
      expectIsolationHeaders(missing);
    }
  });

  it('lists the files to precache, without the service worker, the listing and source maps', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/app-files.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(['/assets/index-3f2a1b.js', '/assets/workers/decode-99aa.js', '/favicon.svg', '/index.html']);
  });

  it('sends the isolation headers on API answers and errors too, and keeps API answers out of caches', async () => {
    for (const url of ['/api/label-sets', '/api/nope']) {
      const response = await server.app.inject({ method: 'GET', url });
      expectIsolationHeaders(response);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const post = await server.app.inject({ method: 'POST', url: '/' });
    expect(post.statusCode).toBe(404);
  });
});

describe('Content-Security-Policy and HSTS', () => {
  it('allows no inline script, only the app\'s own scripts, wasm compilation and its workers', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('sends HSTS only over HTTPS, and believes X-Forwarded-Proto only from the configured proxy', async () => {
    const direct = await startTestServer('sqlite');
    const proxied = await startTestServer('sqlite', { trustProxy: '127.0.0.1' });
    try {
      const get = (server: TestServer, headers: Record<string, string>) =>
        server.app.inject({ method: 'GET', url: '/api/label-sets', headers, remoteAddress: '127.0.0.1' });
      expect((await get(direct, {})).headers['strict-transport-security']).toBeUndefined();
      expect((await get(direct, { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBeUndefined();
      expect((await get(proxied, {})).headers['strict-transport-security']).toBeUndefined();
      expect((await get(proxied, { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBe('max-age=31536000');
      const stranger = await proxied.app.inject({ method: 'GET', url: '/api/label-sets', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.9.9.9' });
      expect(stranger.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await direct.dispose();
      await proxied.dispose();
    }
  });
});

describe('without a built SPA', () => {
  it('serves the API only: pages are 404, the precache list is empty', async () => {
    const server = await startTestServer('sqlite', { staticDir: join(tmpdir(), 'no-such-dist-folder') });
    try {
      expect((await server.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: '/app-files.json' })).json()).toEqual([]);
    } finally {
      await server.dispose();
    }
  });
});
