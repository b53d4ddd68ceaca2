import { readFile } from 'node:fs/promises';
import { isAlive, processesMentioning } from './support/host-processes';
import { freeLoopbackPort } from './support/ports';
import { startServe } from './support/serve-process';
import { ServiceEnvironment } from './support/service-environment';

jest.setTimeout(600_000);

/** `socklab serve`: up, healthy, signed in, down again with nothing left behind. */
describe('socklab serve', () => {
  let env: ServiceEnvironment;

  beforeAll(async () => {
    env = await ServiceEnvironment.create();
  });
  afterAll(() => env?.close());

  it('brings up the API and runners on the running PostgreSQL and Redis, and stops them all on SIGTERM', async () => {
    const serve = await startServe(['--port', '0', '--runners', '2', '--var', env.varDir], env.env);
    const { status } = serve;
    expect(status).toMatchObject({ postgres: 'running', redis: 'running', firstStart: true });
    expect(status.runners).toHaveLength(2);
    expect((await fetch(`${status.url}/readyz`)).status).toBe(200);
    for (const runner of status.runners)
      expect((await fetch(`${runner.metricsUrl}/readyz`)).status).toBe(200);
    const login = await fetch(`${status.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: status.credentials?.owner.email,
        password: status.credentials?.owner.password,
      }),
    });
    expect(login.status).toBe(200);
    const me = await fetch(`${status.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${status.credentials?.apiToken.token}` },
    });
    expect(await me.json()).toMatchObject({ role: 'owner', tenantId: status.credentials?.tenant.id });

    const pids = [status.apiPid, ...status.runners.map((r) => r.pid)];
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(serve.logs.join('\n')).toMatch(/runner .* stopped/);
  });

  it('reuses the stored credentials on a second start against the same database', async () => {
    const stored = JSON.parse(await readFile(`${env.varDir}/serve/credentials.json`, 'utf8')) as Record<
      string,
      { tenant: { id: string }; apiToken: { token: string } }
    >;
    const first = stored[env.database.url];
    if (!first) throw new Error('no stored credentials for this database');
    const serve = await startServe(['--port', '0', '--runners', '1', '--var', env.varDir], env.env);
    try {
      expect(serve.status.firstStart).toBe(false);
      expect(serve.status.credentials?.tenant.id).toBe(first.tenant.id);
      const me = await fetch(`${serve.status.url}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${first.apiToken.token}` },
      });
      expect(me.status).toBe(200);
    } finally {
      expect(await serve.stop('SIGINT')).toBe(0);
    }
  });

  it('starts project-local PostgreSQL and Redis when none answer on the configured loopback ports, and stops them', async () => {
    const pgPort = await freeLoopbackPort();
    const redisPort = await freeLoopbackPort();
    const serve = await startServe(['--port', '0', '--runners', '1', '--var', env.varDir], {
      ...env.env,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${pgPort}/socklab`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    });
    const { status } = serve;
    expect(status).toMatchObject({ postgres: 'started-locally', redis: 'started-locally', firstStart: true });
    expect((await fetch(`${status.url}/readyz`)).status).toBe(200);
    expect(processesMentioning(env.varDir).length).toBeGreaterThanOrEqual(2); // postgres and redis-server
    const pids = [status.apiPid, ...status.runners.map((r) => r.pid)];
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(processesMentioning(env.varDir)).toEqual([]);
  });

  it('comes up without credentials beside a tenant made elsewhere, and its processes stop when serve is killed', async () => {
    // Another var folder: the database's "socklab" tenant was made by another start.
    const serve = await startServe(
      ['--port', '0', '--runners', '1', '--var', `${env.varDir}/other`],
      env.env,
    );
    expect(serve.status).toMatchObject({ credentials: null, firstStart: false });
    expect(serve.logs.join('\n')).toMatch(/already has a tenant "socklab" made elsewhere/);
    const pids = [serve.status.apiPid, ...serve.status.runners.map((r) => r.pid)];
    await serve.stop('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
