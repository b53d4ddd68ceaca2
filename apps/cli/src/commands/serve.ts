/**
 * `socklab serve`: the whole service on this machine, in one process tree — PostgreSQL and
 * Redis at their configured addresses (started project-locally from the installed binaries
 * when nothing answers on loopback), migrations applied, the API (HTTP + socket.io) and N
 * runners, the portal when its build exists. Prints where to sign in; on the first start
 * it bootstraps a tenant and prints its owner's credentials and an API token (stored in
 * <var>/serve/credentials.json; later starts reuse them). Ctrl-C or SIGTERM stops
 * everything it started, gracefully; a second Ctrl-C kills at once.
 *
 * Environment: DATABASE_URL, REDIS_URL, SOCKLAB_API_HOST, SOCKLAB_API_PORT as for the API;
 * every other SOCKLAB_* variable reaches the API and runners unchanged.
 * Exit 0 after a requested stop, 1 when the service could not start or keep running.
 */
import path from 'node:path';
import { integerOption, parseCommandArgs } from '../args';
import { CliError, EXIT_OK } from '../cli-error';
import type { Output } from '../output';
import { DEFAULT_DATABASE_URL, redact } from '../service/database';
import { LocalService, type ServiceStatus } from '../service/local-service';
import { REPO_ROOT } from '../service/service-apps';

const USAGE = `usage: socklab serve [--runners N] [--host H] [--port P] [--var DIR] [--tenant NAME] [--email E] [--json]
  --runners N   runner processes (default 1)
  --port P      API port (default SOCKLAB_API_PORT or 3000; 0 picks a free one)
  --var DIR     artifacts, runner scratch space, local databases, stored credentials (default ./var)
  --tenant, --email   the tenant and owner bootstrapped on the first start (default socklab, admin@socklab.local)
  --json        print one JSON line when the service is up, instead of the text summary`;

export async function serveCommand(argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      runners: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      var: { type: 'string' },
      tenant: { type: 'string' },
      email: { type: 'string' },
      json: { type: 'boolean' },
      'start-timeout': { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0) throw new CliError('cli/usage', USAGE);
  const env = process.env;
  const port = Number(values.port ?? env['SOCKLAB_API_PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('cli/usage', `--port ${values.port}: 0-65535`);
  const service = new LocalService(
    {
      databaseUrl: env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
      redisUrl: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      host: values.host ?? env['SOCKLAB_API_HOST'] ?? '127.0.0.1',
      port,
      runners: integerOption(values.runners, 'runners', 1),
      varDir: path.resolve(values.var ?? env['SOCKLAB_VAR_DIR'] ?? path.join(REPO_ROOT, 'var')),
      tenant: { name: values.tenant ?? 'socklab', email: values.email ?? 'admin@socklab.local' },
      env,
      startTimeoutMs: integerOption(values['start-timeout'], 'start-timeout', 180) * 1_000,
    },
    (line) => out.error(line),
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      out.error(`socklab serve: ${signal}: stopping (again to kill at once)`);
      void service.stop(EXIT_OK);
    } else service.killAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const status = await service.start();
    out.line(values.json ? JSON.stringify(status) : describeStatus(status));
    const code = await service.ended;
    out.error('socklab serve: stopped');
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function describeStatus(s: ServiceStatus): string {
  const where = (state: ServiceStatus['postgres']) =>
    state === 'running' ? 'already running' : 'started here';
  const c = s.credentials;
  const lines = [
    'socklab is up — Ctrl-C stops it',
    `  portal      ${s.portal ?? (s.portalBuildUnserved ? `build at ${s.portalBuildUnserved}, but this API does not serve it` : 'no build (npx nx build portal)')}`,
    `  API         ${s.url}/api/v1   OpenAPI ${s.url}/api/docs   live runs: socket.io ${s.url}/runs`,
    `  runners     ${s.runners.length} (pids ${s.runners.map((r) => r.pid).join(', ')})`,
    `  PostgreSQL  ${redact(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL)} (${where(s.postgres)})`,
    `  Redis       ${process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'} (${where(s.redis)})`,
  ];
  if (c && s.firstStart) {
    lines.push(
      `sign in at ${s.portal ?? `${s.url}/api/v1/auth/login`} as ${c.owner.email}, password ${c.owner.password} (tenant ${c.tenant.slug})`,
      `API token (every scope): ${c.apiToken.token}`,
      `both are stored in ${s.credentialsFile}; later starts reuse them`,
    );
  } else if (c) {
    lines.push(
      `sign in at ${s.portal ?? `${s.url}/api/v1/auth/login`} as ${c.owner.email} (tenant ${c.tenant.slug}); ` +
        `password and API token: ${s.credentialsFile}`,
    );
  }
  return lines.join('\n');
}
