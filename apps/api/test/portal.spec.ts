import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';

/** The API serves the portal's static build beside the API, without shadowing any API path. */
describe('portal static files', () => {
  let api: TestApi;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'socklab-portal-build-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>socklab</title><div id="root"></div>');
    writeFileSync(path.join(dir, 'assets', 'index-3f2a1b.js'), 'console.log("portal")');
    api = await startTestApi({ SOCKLAB_PORTAL_DIR: dir });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for the root and for client-side routes, revalidated on each load', async () => {
    for (const url of ['/', '/runs/7b0d9a2c-1111-4222-8333-444455556666', '/exercises']) {
      const response = await request(api.http).get(url).set('Accept', 'text/html');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long cache life', async () => {
    const response = await request(api.http).get('/assets/index-3f2a1b.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves API paths, probes and missing files to the API', async () => {
    const unknownApi = await request(api.http).get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.text).not.toContain('<div id="root">');
    const run = await request(api.http).get('/api/v1/runs/7b0d9a2c-1111-4222-8333-444455556666');
    expect(run.status).toBe(401);
    expect(run.body.error.code).toBe('auth/unauthenticated');
    expect((await request(api.http).get('/healthz')).status).toBe(200);
    expect((await request(api.http).get('/assets/missing.js')).status).toBe(404);
    const json = await request(api.http).get('/runs/x').set('Accept', 'application/json');
    expect(json.status).toBe(404);
  });
});
