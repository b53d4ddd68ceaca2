import type { AddressInfo } from 'node:net';

import { startHealthServer } from './health-server';
import { RunnerMetrics } from './metrics';

describe('health server', () => {
  it('serves /healthz, /readyz per dependency, and Prometheus /metrics', async () => {
    const metrics = new RunnerMetrics();
    metrics.jobStarted();
    metrics.observePhase('building', 0.3);
    let redisUp = true;
    const server = await startHealthServer(
      0,
      {
        redis: async () => {
          if (!redisUp) throw new Error('down');
        },
        postgres: async () => undefined,
      },
      metrics,
    );
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      redisUp = false;
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.text()).toContain('redis');
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('socklab_runner_jobs_in_flight 1');
      expect(text).toContain('socklab_runner_phase_duration_seconds_bucket{phase="building",le="0.5"} 1');
      expect(text).toContain('socklab_runner_phase_duration_seconds_bucket{phase="building",le="0.1"} 0');
    } finally {
      server.close();
    }
  });
});
