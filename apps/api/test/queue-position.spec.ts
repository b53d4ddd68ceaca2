import { RunRepo } from '@socklab/db';
import request from 'supertest';
import { bearer, createWorld, startTestApi, submitRun, type TestApi, type World } from './support/test-api';

/** No runner runs here: every accepted run stays queued until the test moves it. */
describe('queuePosition of a queued run', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  const position = async (runId: string, token: string) =>
    (
      await request(api.http)
        .get(`/api/v1/runs/${runId}`)
        .set(...bearer(token))
        .expect(200)
    ).body.queuePosition as number | null;

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_INFLIGHT_RUNS: '50' });
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  it('counts the queued runs of the whole service ahead of a run, 0 = next, and is null once it left the queue', async () => {
    const first = await submitRun(api, world.learner.token, world.builtinExerciseId);
    const second = await submitRun(api, world.otherLearner.token, world.builtinExerciseId);
    expect(await position(first, world.learner.token)).toBe(0);
    expect(await position(second, world.otherLearner.token)).toBe(1);

    // Another tenant's run queues behind both; theirs count for it, nothing else is shown.
    const foreign = await submitRun(api, other.learner.token, other.builtinExerciseId);
    expect(await position(foreign, other.learner.token)).toBe(2);

    // A runner takes the first: it is no longer queued, everyone behind moves up.
    await new RunRepo(api.prisma).claim({ tenantId: world.tenant.id }, first, 1, 'runner-test');
    expect(await position(first, world.learner.token)).toBeNull();
    expect(await position(second, world.otherLearner.token)).toBe(0);
    expect(await position(foreign, other.learner.token)).toBe(1);

    // A cancelled run leaves the queue too.
    await request(api.http)
      .post(`/api/v1/runs/${second}/cancel`)
      .set(...bearer(world.otherLearner.token))
      .expect(200);
    expect(await position(second, world.otherLearner.token)).toBeNull();
    expect(await position(foreign, other.learner.token)).toBe(0);
  });

  it('is in the list view too, for queued runs only', async () => {
    const ahead = await submitRun(api, other.learner.token, other.builtinExerciseId);
    const mine = await submitRun(api, world.learner.token, world.builtinExerciseId);
    const queued = (
      await request(api.http)
        .get('/api/v1/runs?status=queued')
        .set(...bearer(other.owner.token))
        .expect(200)
    ).body as { id: string; queuePosition: number | null }[];
    const positions = new Map(queued.map((run) => [run.id, run.queuePosition]));
    const aheadPosition = positions.get(ahead);
    expect(typeof aheadPosition).toBe('number');
    expect(await position(mine, world.learner.token)).toBe((aheadPosition as number) + 1);

    const all = (
      await request(api.http)
        .get('/api/v1/runs')
        .set(...bearer(world.learner.token))
        .expect(200)
    ).body as { id: string; status: string; queuePosition: number | null }[];
    expect(all.find((run) => run.id === mine)?.queuePosition).toBe((aheadPosition as number) + 1);
    const notQueued = all.filter((run) => run.status !== 'queued');
    expect(notQueued.length).toBeGreaterThan(0);
    expect(notQueued.map((run) => run.queuePosition)).toEqual(notQueued.map(() => null));
  });
});
