/**
 * The whole socklab service on one machine, as `socklab serve` runs it: PostgreSQL and
 * Redis (the running ones, else project-local instances), the database migrated, the
 * bootstrap tenant, the API (HTTP + socket.io) and N runners as child processes, the
 * portal served by the API when its build exists. start() resolves once the API and every
 * runner answer /readyz; stop() ends everything it started, in order: runners first (they
 * hand unfinished jobs back), then the API, then the local Redis and PostgreSQL.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient } from '@socklab/db';
import { CliError, EXIT_INFRA } from '../cli-error';
import { prepareDatabase, redact } from './database';
import { freePort } from './free-port';
import { startLocalPostgres } from './local-postgres';
import { startLocalRedis } from './local-redis';
import { httpGet, isLoopbackHost, postgresAnswers, redisAnswers, waitUntil } from './probes';
import { ServeState, type StoredCredentials } from './serve-state';
import { API_ENTRY, nodeAppSpec, REPO_ROOT, RestartingProcess, RUNNER_ENTRY } from './service-apps';
import type { ServiceProcess } from './service-process';

export interface LocalServiceOptions {
  databaseUrl: string;
  redisUrl: string;
  host: string;
  /** 0: a free port chosen at start. */
  port: number;
  runners: number;
  /** Holds artifacts, runner scratch space, local databases and serve's state. */
  varDir: string;
  tenant: { name: string; email: string };
  /** Environment the API and runners inherit (their own settings are added to it). */
  env: NodeJS.ProcessEnv;
  /** How long each start-up step may take (the API compiles its sources on start). */
  startTimeoutMs: number;
}

export interface ServiceStatus {
  url: string;
  apiPid: number | undefined;
  runners: { pid: number | undefined; metricsUrl: string }[];
  postgres: 'running' | 'started-locally';
  redis: 'running' | 'started-locally';
  portal: string | null;
  /** A portal build exists but the API did not serve it. */
  portalBuildUnserved: string | null;
  credentials: StoredCredentials | null;
  credentialsFile: string;
  firstStart: boolean;
}

/** The portal's static build (apps/portal/vite.config.mts: dist/apps/portal). */
export const PORTAL_BUILD_DIR = path.join(REPO_ROOT, 'dist/apps/portal');

export class LocalService {
  private readonly localDatabases: ServiceProcess[] = [];
  private api: RestartingProcess | null = null;
  private readonly runners: RestartingProcess[] = [];
  private stopping: Promise<number> | null = null;
  private resolveEnded: (code: number) => void = () => undefined;
  /** Resolves with the exit code once the service stopped (a signal, or a process given up on). */
  readonly ended = new Promise<number>((resolve) => (this.resolveEnded = resolve));

  constructor(
    private readonly options: LocalServiceOptions,
    private readonly print: (line: string) => void,
  ) {}

  async start(): Promise<ServiceStatus> {
    try {
      return await this.startAll();
    } catch (error) {
      await this.stop(EXIT_INFRA);
      throw error;
    }
  }

  /** Idempotent; resolves with `code` once everything started is gone. */
  stop(code = 0): Promise<number> {
    this.stopping ??= this.stopAll().then(() => {
      this.resolveEnded(code);
      return code;
    });
    return this.stopping;
  }

  /** A second Ctrl-C: SIGKILL everything at once. */
  killAll(): void {
    for (const process of [...this.runners, ...(this.api ? [this.api] : [])]) process.kill();
    for (const database of this.localDatabases) database.kill();
  }

  private async startAll(): Promise<ServiceStatus> {
    const o = this.options;
    const giveUp = (name: string) => {
      this.print(`socklab serve: ${name} cannot stay up; stopping everything`);
      void this.stop(EXIT_INFRA);
    };
    const postgres = await this.ensure('PostgreSQL', o.databaseUrl, postgresAnswers, () =>
      startLocalPostgres(o.databaseUrl, o.varDir, this.print, () => giveUp('postgres')),
    );
    const redis = await this.ensure('Redis', o.redisUrl, redisAnswers, () =>
      startLocalRedis(o.redisUrl, o.varDir, this.print, () => giveUp('redis')),
    );
    const applied = await prepareDatabase(o.databaseUrl);
    if (applied.length > 0) this.print(`socklab serve: applied ${applied.length} migration(s)`);

    const state = new ServeState(path.join(o.varDir, 'serve'));
    const prisma = createPrismaClient(o.databaseUrl, { maxConnections: 1 });
    const outcome = await state
      .credentials(prisma, o.databaseUrl, o.tenant)
      .finally(() => prisma.$disconnect());
    if (outcome.kind === 'unknown') {
      this.print(
        `socklab serve: this database already has a tenant "${outcome.tenantName}" made elsewhere, whose password ` +
          `is not in ${state.credentialsFile}: sign in with your own account, or add one with ` +
          '`socklab admin add-member`',
      );
    }

    const port = o.port === 0 ? await freePort() : o.port;
    const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
    const shared = {
      ...o.env,
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.redisUrl,
      SOCKLAB_ARTIFACT_DIR: path.join(o.varDir, 'artifacts'),
    };
    const portalBuild = existsSync(path.join(PORTAL_BUILD_DIR, 'index.html')) ? PORTAL_BUILD_DIR : null;
    this.api = new RestartingProcess(
      nodeAppSpec('api', API_ENTRY, {
        ...shared,
        SOCKLAB_API_HOST: o.host,
        SOCKLAB_API_PORT: String(port),
        SOCKLAB_SESSION_SECRET: await state.sessionSecret(),
        ...(portalBuild ? { SOCKLAB_PORTAL_DIR: portalBuild } : {}),
      }),
      this.print,
      giveUp,
    );
    this.api.start();

    const runnerStatus: ServiceStatus['runners'] = [];
    for (let i = 1; i <= o.runners; i++) {
      const metricsPort = await freePort();
      const runner = new RestartingProcess(
        nodeAppSpec(`runner-${i}`, RUNNER_ENTRY, {
          ...shared,
          SOCKLAB_RUNNER_WORK_DIR: path.join(o.varDir, 'runner'),
          SOCKLAB_RUNNER_METRICS_PORT: String(metricsPort),
          SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS: o.env['SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS'] ?? '10000',
        }),
        this.print,
        giveUp,
      );
      runner.start();
      this.runners.push(runner);
      runnerStatus.push({ pid: runner.process.pid, metricsUrl: `http://127.0.0.1:${metricsPort}` });
    }

    await this.waitReady('the API', `${url}/readyz`);
    for (const [i, runner] of runnerStatus.entries())
      await this.waitReady(`runner-${i + 1}`, `${runner.metricsUrl}/readyz`);

    const home = await httpGet(`${url}/`);
    const portalServed = portalBuild !== null && home?.status === 200 && /<html/i.test(home.body);
    return {
      url,
      apiPid: this.api.process.pid,
      runners: runnerStatus,
      postgres,
      redis,
      portal: portalServed ? `${url}/` : null,
      portalBuildUnserved: portalBuild && !portalServed ? portalBuild : null,
      credentials: outcome.kind === 'unknown' ? null : outcome.credentials,
      credentialsFile: state.credentialsFile,
      firstStart: outcome.kind === 'created',
    };
  }

  /** The dependency at `url` if it answers; else a local instance when the host is loopback. */
  private async ensure(
    what: string,
    url: string,
    answers: (url: string) => Promise<boolean>,
    startLocal: () => Promise<ServiceProcess>,
  ): Promise<'running' | 'started-locally'> {
    if (await answers(url)) return 'running';
    if (!isLoopbackHost(new URL(url).hostname)) {
      throw new CliError(
        'cli/dependency-unavailable',
        `${what} does not answer at ${redact(url)}`,
        EXIT_INFRA,
      );
    }
    this.print(`socklab serve: ${what} does not answer at ${redact(url)}; starting a project-local one`);
    this.localDatabases.push(await startLocal());
    return 'started-locally';
  }

  private async waitReady(what: string, readyUrl: string): Promise<void> {
    const ready = await waitUntil(
      async () => (await httpGet(readyUrl))?.status === 200,
      this.options.startTimeoutMs,
      {
        everyMs: 250,
        stop: () => this.stopping !== null,
      },
    );
    if (this.stopping)
      throw new CliError('cli/interrupted', 'socklab serve was stopped while starting', EXIT_INFRA);
    if (!ready) {
      throw new CliError(
        'cli/service-not-ready',
        `${what} did not become ready (${readyUrl}) within ${Math.round(this.options.startTimeoutMs / 1000)} s; ` +
          'its output above says why',
        EXIT_INFRA,
      );
    }
  }

  private async stopAll(): Promise<void> {
    const runnerGrace = Number(this.options.env['SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS'] ?? 10_000) + 10_000;
    await Promise.all(this.runners.map((runner) => runner.stop(runnerGrace)));
    await this.api?.stop(15_000);
    for (const database of this.localDatabases.reverse()) await database.stop(20_000);
  }
}
