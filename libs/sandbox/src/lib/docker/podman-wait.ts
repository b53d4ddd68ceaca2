/**
 * Waiting for a container's exit through Podman's own API. Podman's Docker-compatible
 * wait polls the container's state every 250 ms, which put 150-850 ms on every sandbox
 * run here; its libpod endpoint takes the polling interval as a parameter
 * (POST /v4.0.0/libpod/containers/{id}/wait?condition=…&interval=…, which answers with the
 * exit code as its body). Only for engines that identify as Podman.
 */
import { request } from 'node:http';

/** How often Podman re-reads the container's state while we wait (its own default is 250 ms). */
const POLL_INTERVAL = '10ms';

/** The exit status, or null when the container is gone (removed underneath us) or the engine failed. */
export function podmanWaitExit(socketPath: string, containerId: string): Promise<number | null> {
  const path =
    `/v4.0.0/libpod/containers/${encodeURIComponent(containerId)}/wait` +
    `?condition=stopped&condition=exited&interval=${POLL_INTERVAL}`;
  return new Promise((resolve) => {
    const req = request({ socketPath, method: 'POST', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const code = Number(body.trim());
        resolve(res.statusCode === 200 && Number.isInteger(code) ? code : null);
      });
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}
