/**
 * A project-local PostgreSQL for `socklab serve` when none answers at the configured
 * loopback address: a cluster in <var>/postgres/data (initdb on first use, trust
 * authentication, TCP on the configured port only, no Unix socket), run from the installed
 * binaries. PostgreSQL refuses to run as root, so as root it runs as the `postgres` account
 * the Debian package creates.
 */
import { execFile } from 'node:child_process';
import { chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CliError, EXIT_INFRA } from '../cli-error';
import { debianPostgresBinDirs, findBinary, systemAccount } from './installed-binary';
import { postgresAnswers, waitUntil } from './probes';
import { ServiceProcess } from './service-process';

const run = promisify(execFile);

export async function startLocalPostgres(
  databaseUrl: string,
  varDir: string,
  print: (line: string) => void,
  onUnexpectedExit: () => void,
): Promise<ServiceProcess> {
  const url = new URL(databaseUrl);
  const port = url.port || '5432';
  const superuser = decodeURIComponent(url.username) || 'postgres';
  const initdb = findBinary('initdb', debianPostgresBinDirs());
  const postgres = findBinary('postgres', debianPostgresBinDirs());
  if (!initdb || !postgres) {
    throw new CliError(
      'cli/postgres-missing',
      `PostgreSQL does not answer at 127.0.0.1:${port} and its binaries (initdb, postgres) are not installed: ` +
        'install the Debian package postgresql, or set DATABASE_URL to a server that runs',
      EXIT_INFRA,
    );
  }
  const account = process.getuid?.() === 0 ? systemAccount('postgres') : null;
  if (process.getuid?.() === 0 && !account) {
    throw new CliError(
      'cli/postgres-missing',
      'running as root needs the postgres account to run PostgreSQL',
      EXIT_INFRA,
    );
  }
  const home = path.resolve(varDir, 'postgres');
  const dataDir = path.join(home, 'data');
  if (account) await assertTraversable(path.dirname(home), account);
  await mkdir(home, { recursive: true, mode: 0o700 });
  if (account) await chown(home, account.uid, account.gid);
  const owner = account ? { uid: account.uid, gid: account.gid } : {};
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    print(`[postgres] initdb ${dataDir}`);
    await run(initdb, ['-D', dataDir, '-U', superuser, '-A', 'trust', '-E', 'UTF8', '--no-instructions'], {
      ...owner,
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    }).catch((error: Error & { stderr?: string }) => {
      throw new CliError(
        'cli/postgres-failed',
        `initdb ${dataDir} failed: ${error.stderr ?? error.message}`,
        EXIT_INFRA,
      );
    });
  }
  const server = new ServiceProcess(
    {
      name: 'postgres',
      command: postgres,
      args: ['-D', dataDir, '-p', port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
      ...owner,
      stopSignal: 'SIGINT', // fast shutdown: roll back open transactions, then exit cleanly
    },
    print,
    onUnexpectedExit,
  );
  server.start();
  if (!(await waitUntil(() => postgresAnswers(databaseUrl), 60_000, { stop: () => !server.running }))) {
    await server.stop(10_000);
    throw new CliError(
      'cli/postgres-failed',
      `the local PostgreSQL in ${dataDir} did not start (see [postgres] lines)`,
      EXIT_INFRA,
    );
  }
  return server;
}

/** The account can reach into `dir` (execute permission on it and on every folder above it). */
async function assertTraversable(dir: string, account: { uid: number; gid: number }): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => null);
    if (info) {
      const bit = info.uid === account.uid ? 0o100 : info.gid === account.gid ? 0o010 : 0o001;
      if ((info.mode & bit) === 0) {
        throw new CliError(
          'cli/postgres-failed',
          `the postgres account cannot enter ${current}, so PostgreSQL cannot keep its data under it: ` +
            `allow it (chmod o+x ${current}) or choose another --var folder`,
          EXIT_INFRA,
        );
      }
    }
    if (path.dirname(current) === current) return;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
