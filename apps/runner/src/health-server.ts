import http, { type Server } from 'node:http';

import type { RunnerMetrics } from './metrics';

export interface HealthChecks {
  /** Resolves when the dependency answers; rejects with why not. */
  redis(): Promise<void>;
  postgres(): Promise<void>;
}

/**
 * /healthz: the process is up. /readyz: Redis and PostgreSQL answer (503 with the failing
 * one otherwise). /metrics: Prometheus text. Anything else is 404.
 */
export function startHealthServer(
  port: number,
  checks: HealthChecks,
  metrics: RunnerMetrics,
): Promise<Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    if (req.method !== 'GET') return send(405, 'method not allowed\n');
    if (path === '/healthz') return send(200, 'ok\n');
    if (path === '/metrics') return send(200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
    if (path === '/readyz') {
      void readiness(checks).then((failures) =>
        failures.length === 0 ? send(200, 'ready\n') : send(503, `${failures.join('\n')}\n`),
      );
      return;
    }
    send(404, 'not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

async function readiness(checks: HealthChecks): Promise<string[]> {
  const results = await Promise.allSettled([withTimeout(checks.redis()), withTimeout(checks.postgres())]);
  return results.flatMap((result, i) =>
    result.status === 'rejected' ? [`${i === 0 ? 'redis' : 'postgres'}: ${String(result.reason)}`] : [],
  );
}

function withTimeout(check: Promise<void>, ms = 2_000): Promise<void> {
  return Promise.race([
    check,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}
