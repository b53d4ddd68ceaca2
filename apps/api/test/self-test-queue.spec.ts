import { selfTestJobId } from '@socklab/contracts';
import { SelfTestRepo } from '@socklab/db';
import request from 'supertest';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import { SelfTestReconciler } from '../src/queue/self-test-reconciler';
import { LAB_SELF_TESTS, type SelfTestsQueue } from '../src/queue/self-tests-queue';
import { renamedFolder } from './support/exercise-folder';
import { bearer, createWorld, startTestApi, type TestApi, type World } from './support/test-api';

/** The self-test queue's producer side, without a runner: outbox relay, tenant limit, reconciler. */
describe('the lab-self-tests queue', () => {
  let api: TestApi;
  let world: World;
  let queue: SelfTestsQueue;

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_SELF_TESTS: '2' });
    world = await createWorld(api, 'alpha');
    queue = api.app.get<SelfTestsQueue>(LAB_SELF_TESTS);
  }, 60_000);
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await api?.close();
  });

  async function uploaded(id: string): Promise<string> {
    const res = await request(api.http)
      .post('/api/v1/exercises/folder')
      .set(...bearer(world.instructor.token))
      .send({ files: renamedFolder('half-close-echo', id) })
      .expect(201);
    return res.body.exercise.id as string;
  }
  const requestSelfTest = (exerciseId: string) =>
    request(api.http)
      .post(`/api/v1/exercises/${exerciseId}/versions/1/self-test`)
      .set(...bearer(world.instructor.token));

  it('publishes a requested self-test to lab-self-tests, limits unfinished ones per tenant, and re-adds jobs Redis lost', async () => {
    const first = await requestSelfTest(await uploaded('queued-a')).expect(202);
    await api.app.get(OutboxPublisher).publishNow();
    const jobId = selfTestJobId({ selfTestId: first.body.id, attempt: 1 });
    expect((await queue.getJob(jobId))?.data).toEqual({ selfTestId: first.body.id, tenantId: world.tenant.id, attempt: 1 });

    const second = await requestSelfTest(await uploaded('queued-b')).expect(202);
    const third = await requestSelfTest(await uploaded('queued-c')).expect(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect(third.body.error).toMatchObject({ code: 'request/rate-limited', details: { limit: 2, inflight: 2 } });

    // Redis forgets everything (it keeps nothing on disk here); one self-test had started.
    await api.app.get(OutboxPublisher).publishNow();
    await queue.obliterate({ force: true });
    const scope = { tenantId: world.tenant.id };
    await new SelfTestRepo(api.prisma).claim(scope, second.body.id, 1, 'lost-runner');
    const readded = await api.app.get(SelfTestReconciler).reconcileOnce(new Date(Date.now() + 1000));
    expect(readded.sort()).toEqual([first.body.id, second.body.id].sort());
    expect(await queue.getJob(jobId)).toBeDefined();
    expect(await api.app.get(SelfTestReconciler).reconcileOnce(new Date(Date.now() + 1000))).toEqual([]);
  });
});
