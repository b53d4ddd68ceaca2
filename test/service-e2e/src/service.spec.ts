import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAB_PHASES } from '@socklab/contracts';
import { processesMentioning } from './support/host-processes';
import { labLeftovers } from './support/lab-leftovers';
import { LiveWatcher } from './support/live-watch';
import { submit, waitForRun, type RunView } from './support/runs';
import { startServe, type ServeHandle } from './support/serve-process';
import { ServiceEnvironment } from './support/service-environment';
import { faultySubmission, referenceSubmission } from './support/solutions';
import { createWorld, type World } from './support/world';

jest.setTimeout(900_000);

const RUN_TIMEOUT_MS = 300_000;

/**
 * The service as people use it, over HTTP and socket.io, against this machine's PostgreSQL
 * and Redis, with runners running the real lab (local sandbox driver).
 */
describe('socklab service end to end', () => {
  let env: ServiceEnvironment;
  let serve: ServeHandle;
  let world: World;
  const runIds: string[] = [];
  let learnerRunId: string;
  let otherLearnerRunId: string;

  beforeAll(async () => {
    env = await ServiceEnvironment.create();
    serve = await startServe(['--port', '0', '--runners', '2', '--var', env.varDir], {
      ...env.env,
      SOCKLAB_MAX_INFLIGHT_RUNS: '10',
    });
    world = await createWorld(serve.status, env.env);
  });

  afterAll(async () => {
    if (serve) expect(await serve.stop('SIGTERM')).toBe(0);
    const leftProcesses = env ? processesMentioning(env.varDir) : [];
    await env?.close();
    expect(leftProcesses).toEqual([]);
    expect(labLeftovers(runIds)).toEqual([]);
  });

  it("grades a learner's reference solution with full marks, watched live over socket.io from queue to done", async () => {
    const expected = await referenceSubmission(world.exercise, 'python');
    const watcher = await LiveWatcher.connect(world.origin, tokenOf(world.learner.api.token));
    try {
      const { runId } = await submit(world.learner.api, world.exerciseId, expected.submission);
      runIds.push(runId);
      learnerRunId = runId;
      expect(await watcher.subscribe(runId)).toMatchObject({ ok: true, runId });
      const { events, end } = await watcher.untilEnd(runId, RUN_TIMEOUT_MS);

      expect(end).toEqual({ runId, reason: 'result' });
      const seqs = events.map((r) => r.event.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i)); // every event once, in order, no gap
      const phases = events.flatMap((r) => (r.event.type === 'phase' ? [r.event.phase] : []));
      expect(phases).toEqual([...phases].sort((a, b) => LAB_PHASES.indexOf(a) - LAB_PHASES.indexOf(b)));
      expect(phases).toEqual(expect.arrayContaining(['building', 'running', 'grading', 'done']));
      expect(events.at(-1)?.event).toMatchObject({
        type: 'result',
        score: expected.score,
        maxScore: expected.maxScore,
        gradable: true,
      });
      expect(events.some((r) => r.event.type === 'state')).toBe(true); // TCP states traced live

      // The result event follows the recorded outcome: the run is done when it arrives.
      const run = (await world.learner.api.get<RunView>(`/api/v1/runs/${runId}`)).body;
      expect(run).toMatchObject({
        status: 'done',
        score: expected.score,
        maxScore: expected.maxScore,
        gradable: true,
      });
    } finally {
      watcher.close();
    }
  });

  it('takes off exactly the points of the checks a faulty solution must fail', async () => {
    const expected = await faultySubmission(world.exercise, 'never-closes');
    const { runId } = await submit(world.otherLearner.api, world.exerciseId, expected.submission);
    runIds.push(runId);
    otherLearnerRunId = runId;
    const run = await waitForRun(world.otherLearner.api, runId, RUN_TIMEOUT_MS);
    expect(run).toMatchObject({
      status: 'done',
      gradable: true,
      score: expected.score,
      maxScore: expected.maxScore,
    });
    expect(expected.score).toBeLessThan(expected.maxScore);
  });

  it("shows an instructor every learner's run and a learner only their own", async () => {
    const idsFor = async (who: World['learner']['api']) =>
      ((await who.get<{ id: string }[]>('/api/v1/runs')).body ?? []).map((run) => run.id);
    expect(await idsFor(world.instructor.api)).toEqual(
      expect.arrayContaining([learnerRunId, otherLearnerRunId]),
    );
    expect(await idsFor(world.learner.api)).toEqual([learnerRunId]);
    expect(await idsFor(world.otherLearner.api)).toEqual([otherLearnerRunId]);

    expect((await world.learner.api.get(`/api/v1/runs/${otherLearnerRunId}`)).status).toBe(404);
    expect((await world.instructor.api.get<RunView>(`/api/v1/runs/${learnerRunId}`)).body).toMatchObject({
      status: 'done',
      submission: { userId: world.learner.userId },
    });
    const watcher = await LiveWatcher.connect(world.origin, tokenOf(world.learner.api.token));
    try {
      expect(await watcher.subscribe(otherLearnerRunId)).toMatchObject({
        ok: false,
        error: { code: 'run/not-found' },
      });
    } finally {
      watcher.close();
    }
  });

  it("serves the run's packet capture as a pcapng file that tshark reads", async () => {
    const scenario = world.exercise.spec.scenarios[0]?.id ?? '';
    const response = await world.learner.api.fetch(
      `/api/v1/runs/${learnerRunId}/artifacts/capture.pcapng?scenario=${encodeURIComponent(scenario)}`,
    );
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a); // pcapng Section Header Block
    const dir = await mkdtemp(path.join(tmpdir(), 'socklab-pcap-'));
    try {
      const file = path.join(dir, 'capture.pcapng');
      await writeFile(file, bytes);
      const fields = execFileSync(
        'tshark',
        ['-r', file, '-Y', 'tcp', '-T', 'fields', '-e', 'tcp.flags.str'],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'], // tshark warns on stderr when run as root
        },
      );
      const flags = fields.split('\n').filter(Boolean);
      expect(flags.length).toBeGreaterThan(10);
      expect(flags.some((f) => f.includes('S') && !f.includes('A'))).toBe(true); // the SYN
      expect(flags.some((f) => f.includes('F'))).toBe(true); // and FINs
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Another learner's capture does not exist for this learner.
    const other = await world.learner.api.fetch(
      `/api/v1/runs/${otherLearnerRunId}/artifacts/capture.pcapng?scenario=${encodeURIComponent(scenario)}`,
    );
    expect(other.status).toBe(404);
  });
});

function tokenOf(token: string | undefined): string {
  if (!token) throw new Error('no token');
  return token;
}
