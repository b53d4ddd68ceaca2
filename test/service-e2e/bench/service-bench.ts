/**
 * The service's speed, measured end to end through `socklab serve` (API + 2 runners,
 * real lab, this machine's PostgreSQL and Redis in a private corner):
 *   1. submit→done latency p50/p95: a learner POSTs the half-close-echo reference solution
 *      and waits for the run's `result` event over socket.io (target p50 ≤ 2 s);
 *   2. event latency runner→WebSocket client p50/p99 with 200 watchers: events appended
 *      with the runner's RunEventPublisher to a run's stream, timed until each of 200
 *      socket.io clients (in 4 processes) has it (target p99 ≤ 50 ms);
 *   3. sustained runs per minute with 2 runners: a burst of submissions, first submit to
 *      last result;
 *   4. pcapng download throughput: the capture of a finished run, downloaded repeatedly.
 * Prints measured figures only; it asserts nothing (tests do). BENCH_RUNS, BENCH_BURST,
 * BENCH_WATCHERS, BENCH_WATCHER_PROCESSES, BENCH_EVENTS, BENCH_EVENT_RATE override the sizes.
 * Figures depend on the machine's load: print `uptime` beside them.
 *
 *   npx nx bench service-e2e
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPrismaClient, RunEventPublisher, RunRepo, type PrismaClient } from '@socklab/db';
import { Redis } from 'ioredis';
import { ApiClient } from '../src/support/http-client';
import { LiveWatcher } from '../src/support/live-watch';
import { submit, waitForRun, type RunView } from '../src/support/runs';
import { startServe, type ServeHandle } from '../src/support/serve-process';
import { REDIS_URL, ServiceEnvironment } from '../src/support/service-environment';
import { referenceSubmission, type ExpectedSubmission } from '../src/support/solutions';
import { createWorld, type World } from '../src/support/world';
import { ms, percentile } from './percentiles';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 12);
const BURST = Number(process.env['BENCH_BURST'] ?? 16);
const WATCHERS = Number(process.env['BENCH_WATCHERS'] ?? 200);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 300);
const EVENT_RATE = Number(process.env['BENCH_EVENT_RATE'] ?? 100);
const WATCHER_PROCESSES = Number(process.env['BENCH_WATCHER_PROCESSES'] ?? 4);
const RUN_TIMEOUT_MS = 300_000;

async function main(): Promise<void> {
  const env = await ServiceEnvironment.create();
  let serve: ServeHandle | null = null;
  const prisma = createPrismaClient(env.database.url, { maxConnections: 2 });
  try {
    const serviceEnv = {
      ...env.env,
      SOCKLAB_MAX_INFLIGHT_RUNS: '100',
      SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: '1000',
    };
    const started = performance.now();
    serve = await startServe(['--port', '0', '--runners', '2', '--var', env.varDir], serviceEnv);
    console.log(`socklab serve up in ${ms(performance.now() - started)} (API + 2 runners)`);
    const load = loadavg().map((l) => l.toFixed(1));
    console.log(
      `machine: ${cpus().length} CPUs, load average ${load.join(' ')} (figures below depend on it)`,
    );
    const world = await createWorld(serve.status, serviceEnv);
    const reference = await referenceSubmission(world.exercise, 'python');

    const finished = await submitToDone(world, reference, prisma);
    await eventLatency(world, prisma, env.prefix);
    await sustainedRate(world, reference);
    await downloadThroughput(world, finished);
  } finally {
    await prisma.$disconnect();
    if (serve) await serve.stop('SIGTERM');
    await env.close();
  }
}

/** 1. One run at a time: POST → `result` event over socket.io. @returns the last run's id. */
async function submitToDone(
  world: World,
  reference: ExpectedSubmission,
  prisma: PrismaClient,
): Promise<string> {
  const watcher = await LiveWatcher.connect(world.origin, world.learner.api.token ?? '');
  const latencies: number[] = [];
  const labMs: number[] = [];
  const queueMs: number[] = [];
  const eventsPerRun: number[] = [];
  const belowFull: string[] = [];
  let last = '';
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const { runId } = await submit(world.learner.api, world.exerciseId, reference.submission);
      await watcher.subscribe(runId);
      const { events } = await watcher.untilEnd(runId, RUN_TIMEOUT_MS);
      const elapsed = performance.now() - t0;
      const result = events.at(-1)?.event;
      if (result?.type !== 'result' || !result.gradable)
        throw new Error(`run ${runId}: ${JSON.stringify(result)}`);
      if (result.score !== reference.score) belowFull.push(await failedChecksOf(prisma, runId));
      if (i === 0) continue; // warm-up: first compile of the runner's code paths
      latencies.push(elapsed);
      eventsPerRun.push(events.length);
      const run = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
      labMs.push((run.report as { timings?: { totalMs?: number } } | null)?.timings?.totalMs ?? Number.NaN);
      queueMs.push((run.buildingAt?.getTime() ?? Number.NaN) - run.queuedAt.getTime());
      last = runId;
    }
  } finally {
    watcher.close();
  }
  console.log(
    `\n1. submit→done latency, ${latencies.length} runs one at a time (half-close-echo, Python reference)`,
  );
  console.log(
    `   p50 ${ms(percentile(latencies, 50))}   p95 ${ms(percentile(latencies, 95))}   (target p50 ≤ 2000 ms)`,
  );
  console.log(`   of which the lab itself (report timings.totalMs): p50 ${ms(percentile(labMs, 50))}`);
  console.log(`   queued→building (relay + queue + claim): p50 ${ms(percentile(queueMs, 50))}`);
  console.log(`   events per run: ${percentile(eventsPerRun, 50)} (median)`);
  if (belowFull.length > 0)
    console.log(
      `   below full marks (the reference solution!): ${belowFull.length} run(s): ${belowFull.join('; ')}`,
    );
  return last;
}

/**
 * 2. Events appended the way the runner appends them (RunEventPublisher) to a run no runner
 * takes, delivered to WATCHERS socket.io clients spread over WATCHER_PROCESSES processes.
 */
async function eventLatency(world: World, prisma: PrismaClient, prefix: string): Promise<void> {
  const runs = new RunRepo(prisma);
  const scope = { tenantId: (await prisma.run.findFirstOrThrow()).tenantId };
  const version = await prisma.exerciseVersion.findFirstOrThrow({ where: { exerciseId: world.exerciseId } });
  const { run } = await runs.createWithSubmission(scope, {
    userId: world.learner.userId,
    exerciseVersionId: version.id,
    language: 'python',
    files: [{ name: 'main.py', content: 'pass\n' }],
  });
  await prisma.outboxMessage.updateMany({
    where: { jobId: { contains: run.id } },
    data: { publishedAt: new Date() },
  });
  await runs.claim(scope, run.id, 1, 'bench/event-latency');

  const perProcess = Math.ceil(WATCHERS / WATCHER_PROCESSES);
  const children = Array.from({ length: WATCHER_PROCESSES }, () =>
    fork(
      path.join(__dirname, 'event-watchers.ts'),
      [world.origin, world.learner.api.token ?? '', run.id, String(perProcess)],
      {
        execArgv: ['-r', '@swc-node/register'],
      },
    ),
  );
  const reports = children.map(
    (child) =>
      new Promise<{ ready: Promise<void>; deliveries: Promise<[number, number][]> }>((resolve) => {
        let markReady: () => void = () => undefined;
        const ready = new Promise<void>((r) => (markReady = r));
        const deliveries = new Promise<[number, number][]>((r, reject) => {
          child.on('message', (message: { type: string; deliveries?: [number, number][] }) => {
            if (message.type === 'ready') markReady();
            if (message.type === 'done') r(message.deliveries ?? []);
          });
          child.on('exit', (code) => code !== 0 && reject(new Error(`watcher process exited ${code}`)));
        });
        resolve({ ready, deliveries });
      }),
  );
  const redis = new Redis(REDIS_URL);
  const publisher = new RunEventPublisher(redis, { prefix: `${prefix}:` });
  const sentAt = new Map<number, number>();
  const now = () => performance.timeOrigin + performance.now();
  try {
    await Promise.all((await Promise.all(reports)).map((r) => r.ready));
    for (let i = 0; i < EVENTS; i++) {
      const at = now();
      const event = await publisher.publish(run.id, {
        type: 'output',
        t: i,
        stream: 'stdout',
        host: 'server',
        chunk: `line ${i}\n`,
      });
      sentAt.set(event.seq, at);
      await new Promise((resolve) => setTimeout(resolve, 1000 / EVENT_RATE));
    }
    const at = now();
    const last = await publisher.publish(run.id, {
      type: 'result',
      t: EVENTS,
      score: 0,
      maxScore: 0,
      gradable: false,
    });
    sentAt.set(last.seq, at);
    const deliveries = (await Promise.all((await Promise.all(reports)).map((r) => r.deliveries))).flat();
    const latencies = deliveries.map(([seq, arrived]) => arrived - (sentAt.get(seq) ?? Number.NaN));
    console.log(
      `\n2. event latency runner→WebSocket client: ${perProcess * WATCHER_PROCESSES} watchers of one run ` +
        `(${WATCHER_PROCESSES} client processes), ${EVENTS + 1} events at ${EVENT_RATE}/s, ${latencies.length} deliveries`,
    );
    console.log(
      `   p50 ${ms(percentile(latencies, 50))}   p99 ${ms(percentile(latencies, 99))}   max ${ms(Math.max(...latencies))}   (target p99 ≤ 50 ms)`,
    );
  } finally {
    for (const child of children) child.kill();
    redis.disconnect();
    await runs.cancel(scope, run.id).catch(() => undefined);
  }
}

/** "check@scenario" of every check a finished run did not pass. */
async function failedChecksOf(prisma: PrismaClient, runId: string): Promise<string> {
  const run = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
  const report = run.report as {
    scenarios?: { id: string; checks: { id: string; status: string }[] }[];
  } | null;
  const failed = (report?.scenarios ?? []).flatMap((s) =>
    s.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}@${s.id}`),
  );
  return `${run.score}/${run.maxScore} ${failed.join(', ')}`;
}

/** 3. A burst of runs from several learners; 2 runners work through it. */
async function sustainedRate(world: World, reference: ExpectedSubmission): Promise<void> {
  const learners = [world.learner, world.otherLearner];
  const t0 = performance.now();
  const runIds: string[] = [];
  for (let i = 0; i < BURST; i++)
    runIds.push((await submit(learners[i % 2].api, world.exerciseId, reference.submission)).runId);
  const runs: RunView[] = [];
  for (const runId of runIds) runs.push(await waitForRun(world.instructor.api, runId, RUN_TIMEOUT_MS));
  const minutes = (performance.now() - t0) / 60_000;
  const done = runs.filter((r) => r.status === 'done' && r.gradable).length;
  const full = runs.filter((r) => r.score === reference.score).length;
  console.log(`\n3. sustained rate with 2 runners: ${BURST} runs submitted at once`);
  console.log(
    `   ${(BURST / minutes).toFixed(1)} runs/minute (${done}/${BURST} graded, ${full} with full marks, ${(minutes * 60).toFixed(1)} s in all)`,
  );
}

/** 4. The capture of a finished run, downloaded again and again. */
async function downloadThroughput(world: World, runId: string): Promise<void> {
  const api: ApiClient = world.learner.api;
  const scenario = world.exercise.spec.scenarios[0]?.id ?? '';
  const path = `/api/v1/runs/${runId}/artifacts/capture.pcapng?scenario=${encodeURIComponent(scenario)}`;
  let bytes = 0;
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const response = await api.fetch(path);
    if (response.status !== 200) throw new Error(`download: ${response.status}`);
    bytes += (await response.arrayBuffer()).byteLength;
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\n4. pcapng download: 30 × ${(bytes / 30 / 1024).toFixed(0)} KiB`);
  console.log(
    `   ${(bytes / seconds / 1024 / 1024).toFixed(1)} MiB/s   per download p50 ${ms(percentile(times, 50))}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
