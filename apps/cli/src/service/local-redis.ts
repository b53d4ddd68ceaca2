/**
 * A project-local Redis for `socklab serve` when none answers at the configured loopback
 * address: the installed redis-server on the configured port, bound to 127.0.0.1, keeping
 * nothing on disk (like the machines' own Redis: PostgreSQL is the system of record and the
 * API's reconciler re-queues what Redis forgets).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CliError, EXIT_INFRA } from '../cli-error';
import { findBinary } from './installed-binary';
import { redisAnswers, waitUntil } from './probes';
import { ServiceProcess } from './service-process';

export async function startLocalRedis(
  redisUrl: string,
  varDir: string,
  print: (line: string) => void,
  onUnexpectedExit: () => void,
): Promise<ServiceProcess> {
  const port = new URL(redisUrl).port || '6379';
  const binary = findBinary('redis-server');
  if (!binary) {
    throw new CliError(
      'cli/redis-missing',
      `Redis does not answer at 127.0.0.1:${port} and redis-server is not installed: install the Debian ` +
        'package redis-server, or set REDIS_URL to a server that runs',
      EXIT_INFRA,
    );
  }
  const dir = path.resolve(varDir, 'redis');
  await mkdir(dir, { recursive: true });
  const server = new ServiceProcess(
    {
      name: 'redis',
      command: binary,
      args: ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    },
    print,
    onUnexpectedExit,
  );
  server.start();
  if (!(await waitUntil(() => redisAnswers(redisUrl), 20_000, { stop: () => !server.running }))) {
    await server.stop(5_000);
    throw new CliError(
      'cli/redis-failed',
      `the local Redis on port ${port} did not start (see [redis] lines)`,
      EXIT_INFRA,
    );
  }
  return server;
}
