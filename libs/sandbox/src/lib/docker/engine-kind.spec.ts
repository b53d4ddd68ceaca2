import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pingEngine } from './engine-kind';

describe('pingEngine', () => {
  let dir: string;
  let server: Server | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-kind-'));
  });
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function engineAnswering(status: number, headers: OutgoingHttpHeaders): Promise<string> {
    const socketPath = join(dir, 'engine.sock');
    server = createServer((req, res) => {
      res.writeHead(req.url === '/_ping' ? status : 404, headers);
      res.end('OK');
    });
    await new Promise<void>((resolve) => server?.listen(socketPath, resolve));
    return socketPath;
  }

  it('tells Podman by its Libpod headers', async () => {
    expect(await pingEngine(await engineAnswering(200, { 'Libpod-Api-Version': '4.3.1' }))).toBe('podman');
  });

  it('takes an engine without Libpod headers for Docker', async () => {
    expect(await pingEngine(await engineAnswering(200, { Server: 'Docker/27.0 (linux)' }))).toBe('docker');
  });

  it('rejects when the engine does not answer 200, or nothing listens', async () => {
    await expect(pingEngine(await engineAnswering(500, {}))).rejects.toThrow('GET /_ping answered 500');
    await expect(pingEngine(join(dir, 'nobody.sock'))).rejects.toThrow(/ENOENT/);
  });
});
