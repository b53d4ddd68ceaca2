import request from 'supertest';
import { JsonLogger } from '../src/logging/json-logger';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import { connectLive, listen } from './support/live-client';
import { bearer, createWorld, startTestApi, submitRun, type TestApi, type World } from './support/test-api';

/** The value of one sample of the scrape, e.g. sample(text, 'socklab_api_runs{status="queued"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations: /metrics and structured logs', () => {
  let api: TestApi;
  let world: World;
  let runId: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = new JsonLogger('debug', (line) => logLines.push(JSON.parse(line)));
    api = await startTestApi({ SOCKLAB_MAX_INFLIGHT_RUNS: '10' }, { logger });
    world = await createWorld(api, 'alpha');
    runId = await submitRun(api, world.learner.token, world.builtinExerciseId);
    await submitRun(api, world.learner.token, world.builtinExerciseId);
    await api.app.get(OutboxPublisher).publishNow();
  }, 60_000);
  afterAll(() => api?.close());

  const scrape = async () => {
    const res = await request(api.http).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;/);
    expect(res.headers['content-type']).toContain('version=0.0.4');
    return res.text;
  };

  it('reports runs by status and the queue by state, as PostgreSQL and Redis have them, without authentication', async () => {
    const text = await scrape();
    const queued = await api.prisma.run.count({ where: { status: 'queued' } });
    expect(queued).toBe(2);
    expect(sample(text, 'socklab_api_runs{status="queued"}')).toBe(queued);
    expect(sample(text, 'socklab_api_runs{status="done"}')).toBe(0);
    const waiting = (await api.queue.getJobCounts('waiting')).waiting;
    expect(sample(text, 'socklab_api_queue_jobs{state="waiting"}')).toBe(waiting);
    expect(waiting).toBe(2);
    expect(text).toMatch(/^# TYPE socklab_api_scrape_errors gauge$/m);
    expect(text).not.toMatch(/socklab_api_scrape_errors\{/);
  });

  it('counts connected WebSocket clients and their subscriptions', async () => {
    const origin = await listen(api);
    const client = await connectLive(origin, world.learner.token);
    try {
      await client.subscribe({ runId });
      const text = await scrape();
      expect(sample(text, 'socklab_api_websocket_clients')).toBe(1);
      expect(sample(text, 'socklab_api_live_subscriptions')).toBe(1);
    } finally {
      client.close();
    }
  });

  it('times HTTP requests by route template, never by raw path', async () => {
    await request(api.http)
      .get(`/api/v1/runs/${runId}`)
      .set(...bearer(world.learner.token))
      .expect(200);
    await request(api.http).get('/api/v1/no-such-route').expect(404);
    const text = await scrape();
    const count = sample(
      text,
      'socklab_api_http_request_duration_seconds_count{method="GET",route="/api/v1/runs/:id",status="200"}',
    );
    expect(count).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'socklab_api_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}',
      ),
    ).toBe(1);
    expect(text).not.toContain(runId);
  });

  it('logs each request as one JSON line with request, tenant, user and run ids', async () => {
    const res = await request(api.http)
      .post(`/api/v1/runs/${runId}/cancel`)
      .set(...bearer(world.learner.token))
      .set('X-Request-Id', 'trace-me-42')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-me-42');
    const line = logLines.find((l) => l['msg'] === 'request' && l['requestId'] === 'trace-me-42');
    expect(line).toMatchObject({
      level: 'info',
      context: 'Http',
      method: 'POST',
      route: '/api/v1/runs/:id/cancel',
      path: `/api/v1/runs/${runId}/cancel`,
      status: 200,
      tenantId: world.tenant.id,
      userId: world.learner.userId,
      runId,
    });
    expect(typeof line?.['durationMs']).toBe('number');
  });

  it('gives a submission’s log line the new run’s id, and a request without one a fresh request id', async () => {
    const res = await request(api.http)
      .post(`/api/v1/exercises/${world.builtinExerciseId}/submissions`)
      .set(...bearer(world.learner.token))
      .send({ language: 'python', files: [{ name: 'server.py', content: 'pass\n' }] })
      .expect(202);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines.find((l) => l['requestId'] === requestId && l['msg'] === 'request')).toMatchObject({
      runId: res.body.runId,
      tenantId: world.tenant.id,
    });
  });
});
