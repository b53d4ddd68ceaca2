/**
 * Which engine answers on a Docker API socket. Podman identifies itself on every response
 * (`Libpod-Api-Version`, `Server: Libpod/…`), so one /_ping tells — unlike /version and
 * /info, which take Podman ~0.2–0.4 s (it runs conmon and runc to describe them).
 */
import { request } from 'node:http';

export type EngineKind = 'podman' | 'docker';

/** Resolves with the engine's kind; rejects when nothing answers /_ping with 200. */
export function pingEngine(socketPath: string): Promise<EngineKind> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'GET', path: '/_ping' }, (res) => {
      res.resume();
      if (res.statusCode !== 200) {
        reject(new Error(`GET /_ping answered ${res.statusCode}`));
        return;
      }
      const server = String(res.headers.server ?? '');
      const podman = res.headers['libpod-api-version'] !== undefined || /libpod/i.test(server);
      resolve(podman ? 'podman' : 'docker');
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('GET /_ping timed out after 5 s')));
    req.end();
  });
}
