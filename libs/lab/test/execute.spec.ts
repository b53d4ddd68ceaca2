/**
 * execute() end to end, as root with the local (bubblewrap) driver: real builds, real
 * TAPs and namespaces, the learner program on the Linux stack against netstack peers.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPcapngFile } from '@socklab/capture';
import { grade } from '@socklab/grader';
import { execute } from '../src';
import { LocalDriver, type SandboxDriver } from '@socklab/sandbox';
import { shortJobHash } from '../src/lib/job-id';
import { ECHO_SERVER_C, echoExercise } from './fixtures/exercise';
import { capturingGrader, collectEvents, fixture, leftovers } from './support';

jest.setTimeout(60_000);

const driver = new LocalDriver();
const outDir = (): string => mkdtempSync(join(tmpdir(), 'lab-test-'));
const c = (content: string) => ({ language: 'c' as const, files: [{ name: 'main.c', content }] });

/** The reference echo server through both scenarios of the echo exercise, evidence and events kept. */
async function runTwoScenarioEcho(jobId: string, options: { scenarioConcurrency?: number } = {}) {
  const grader = capturingGrader();
  const { events, onEvent } = collectEvents();
  const report = await execute({ spec: echoExercise({ twoScenarios: true }) }, c(ECHO_SERVER_C), {
    driver,
    outDir: outDir(),
    jobId,
    seed: 7,
    onEvent,
    grade: grader.grade,
    ...options,
  });
  return { report, grader, events };
}

describe('execute() with the half-close echo exercise', () => {
  it('builds the C solution, runs both scenarios and hands complete evidence to the grader', async () => {
    const jobId = 'lab-test-echo';
    const { report, grader, events } = await runTwoScenarioEcho(jobId);

    expect(report.infraError).toBeUndefined();
    expect(report).toMatchObject({ gradable: true, build: { ok: true } });
    expect(grader.evidence.map((e) => e.scenarioId)).toEqual(['three-chunks', 'one-byte-segments']);

    const [chunks, tiny] = grader.evidence;
    const received = Buffer.from(chunks.streams.c1.received, 'base64').toString('latin1');
    const sent = Buffer.from(chunks.streams.c1.sent, 'base64').toString('latin1');
    expect(sent.length).toBe(8202);
    expect(received).toBe(`${sent}BYTES 8202\n`);
    expect(chunks.steps.every((s) => s.status === 'done')).toBe(true);
    expect(Buffer.from(tiny.streams.c1.received, 'base64').toString()).toBe('hello\nBYTES 6\n');

    // The learner's accepted socket, as the kernel reported it.
    const server = chunks.hostAddresses.server;
    const accepted = chunks.trace.connections
      .flatMap((conn) => conn.endpoints)
      .find((ep) => ep.local.addr === server && ep.local.port === chunks.port);
    const kernelPath = accepted?.states.filter((s) => s.source === 'kernel').map((s) => s.state);
    expect(kernelPath).toEqual(expect.arrayContaining(['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK']));
    const order = ['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK'].map((s) => kernelPath?.indexOf(s as never));
    expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(chunks.trace.syscalls.some((s) => s.name.startsWith('accept'))).toBe(true);
    // The learner namespace's counters, before and after: one connection accepted.
    expect(chunks.trace.counters.find((c) => c.hostId === 'server')?.diff).toMatchObject({
      TcpPassiveOpens: 1,
    });
    expect(chunks.processes[0]).toMatchObject({ host: 'server', killedByLab: true, aliveAtEnd: true });
    const lastStepEnd = Math.max(...chunks.steps.map((s) => s.tEnd ?? 0));
    expect(chunks.processes[0].stoppedByLabAt).toBeGreaterThan(lastStepEnd);

    const capture = report.artifacts.find((a) => a.name === 'capture-three-chunks.pcapng');
    if (!capture) throw new Error('no capture artifact for three-chunks');
    expect(existsSync(capture.path)).toBe(true);
    const pcap = await loadPcapngFile(capture.path);
    expect(pcap.interfaces.map((i) => i.name)).toEqual(expect.arrayContaining(['server', 'client']));
    expect(pcap.packets.length).toBeGreaterThan(10);
    // The learner's interface has no IPv6, so the kernel adds no frame the exercise is not about.
    const frames = pcap.packets.filter((p) =>
      ['server', 'client'].includes(pcap.interfaces[p.interfaceId]?.name ?? ''),
    );
    const etherTypes = new Set(frames.map((p) => (p.data[12] << 8) | p.data[13]));
    expect(etherTypes.has(0x0800)).toBe(true);
    expect(etherTypes.has(0x86dd)).toBe(false);
    for (const name of ['report.json', 'trace.json', 'build.log']) {
      expect(report.artifacts.map((a) => a.name)).toContain(name);
    }

    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    const phases = events.filter((e) => e.type === 'phase').map((e) => (e as { phase: string }).phase);
    expect(phases).toEqual(['building', 'running', 'grading', 'done']);
    expect(events.at(-1)).toMatchObject({ type: 'result', gradable: true });
    expect(events.some((e) => e.type === 'state' && e.source === 'kernel' && e.to === 'CLOSE_WAIT')).toBe(
      true,
    );
    expect(events.some((e) => e.type === 'packet')).toBe(true);
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('runs the scenarios at once when asked, each event tagged with its scenario, evidence in order', async () => {
    const jobId = 'lab-test-at-once';
    const { report, grader, events } = await runTwoScenarioEcho(jobId, { scenarioConcurrency: 2 });

    expect(report.infraError).toBeUndefined();
    expect(grader.evidence.map((e) => e.scenarioId)).toEqual(['three-chunks', 'one-byte-segments']);
    const [chunks, tiny] = grader.evidence;
    expect(Buffer.from(chunks.streams.c1.received, 'base64').toString('latin1')).toMatch(/BYTES 8202\n$/);
    expect(Buffer.from(tiny.streams.c1.received, 'base64').toString()).toBe('hello\nBYTES 6\n');
    // Each scenario's own network: different subnets.
    expect(chunks.hostAddresses.server).not.toBe(tiny.hostAddresses.server);

    const scenarioEvents = events.filter((e) => ['state', 'packet', 'syscall', 'output'].includes(e.type));
    const tagged = (id: string) =>
      scenarioEvents.filter((e) => (e as { scenario?: string }).scenario === id).map((e) => e.t);
    expect(tagged('three-chunks').length + tagged('one-byte-segments').length).toBe(scenarioEvents.length);
    // They overlapped: each began before the other ended.
    expect(Math.min(...tagged('one-byte-segments'))).toBeLessThan(Math.max(...tagged('three-chunks')));
    expect(Math.min(...tagged('three-chunks'))).toBeLessThan(Math.max(...tagged('one-byte-segments')));
    expect(report.artifacts.map((a) => a.name)).toEqual(
      expect.arrayContaining(['strace-three-chunks-server-1.txt', 'strace-one-byte-segments-server-1.txt']),
    );
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('records when it began stopping a program, and the grader does not credit the close that stop caused', async () => {
    const jobId = 'lab-test-never-closes';
    const grader = capturingGrader();
    const spec = echoExercise({ readTimeoutMs: 1000 });
    const neverCloses = ECHO_SERVER_C.replace('close(c);', '');
    expect(neverCloses).not.toBe(ECHO_SERVER_C);
    const report = await execute({ spec }, c(neverCloses), {
      driver,
      outDir: outDir(),
      jobId,
      grade: grader.grade,
    });
    expect(report.gradable).toBe(true);
    const [evidence] = grader.evidence;
    const run = evidence.processes[0];
    expect(run).toMatchObject({ killedByLab: true, stoppedByLabAt: expect.any(Number) });
    const stoppedAt = run.stoppedByLabAt as number;
    expect(stoppedAt).toBeLessThanOrEqual(run.exitedAt as number);
    // The kernel closed the socket the program left in CLOSE_WAIT only once the lab stopped it…
    const accepted = evidence.trace.connections
      .flatMap((conn) => conn.endpoints)
      .find((ep) => ep.local.addr === evidence.hostAddresses.server && ep.local.port === evidence.port);
    const kernel = accepted?.states.filter((s) => s.source === 'kernel') ?? [];
    expect(kernel.find((s) => s.state === 'CLOSE_WAIT')?.t).toBeLessThan(stoppedAt);
    expect(kernel.find((s) => s.state === 'LAST_ACK')?.t).toBeGreaterThanOrEqual(stoppedAt);
    // …so the close path is not the program's.
    const closePath = grade(spec, grader.evidence).scenarios[0].checks.find(
      (check) => check.id === 'server-close-path',
    );
    expect(closePath).toMatchObject({ status: 'fail' });
    expect(closePath?.message).toContain('CLOSE_WAIT');
    expect(closePath?.message).toContain('then nothing until the lab stopped the program');
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('grades a compile error as a failed build: score 0, gradable, no scenario run', async () => {
    const grader = capturingGrader();
    const report = await execute({ spec: echoExercise() }, c('int main(void) { return nope; }\n'), {
      driver,
      outDir: outDir(),
      jobId: 'lab-test-cc-error',
      grade: grader.grade,
    });
    expect(report).toMatchObject({ gradable: true, score: 0, build: { ok: false } });
    expect(report.build.output).toContain('nope');
    expect(grader.evidence).toEqual([]);
    // The first scenario's network was opened while the build ran: it is gone too.
    expect(leftovers('lab-test-cc-error', shortJobHash('lab-test-cc-error'))).toEqual([]);
  });

  it('grades a missing source file as a failed build with a clear message', async () => {
    const report = await execute(
      { spec: echoExercise() },
      { language: 'c', files: [{ name: '../evil.c', content: '' }] },
      { driver, outDir: outDir(), jobId: 'lab-test-no-file', grade: capturingGrader().grade },
    );
    expect(report).toMatchObject({ gradable: true, build: { ok: false } });
    expect(report.build.output).toContain("missing file 'main.c'");
    expect(report.build.output).toContain("'../evil.c' is not allowed");
    expect(leftovers('lab-test-no-file', shortJobHash('lab-test-no-file'))).toEqual([]);
  });

  it('treats a server that never listens as the program failing, not the lab', async () => {
    const jobId = 'lab-test-not-ready';
    const grader = capturingGrader();
    const report = await execute(
      { spec: echoExercise({ readyTimeoutMs: 500 }) },
      c('#include <unistd.h>\nint main(void) { for (;;) pause(); }\n'),
      { driver, outDir: outDir(), jobId, grade: grader.grade },
    );
    expect(report.gradable).toBe(true);
    const [evidence] = grader.evidence;
    expect(evidence.steps[0]).toMatchObject({ path: 'hosts.learner[0].ready', status: 'failed' });
    expect(evidence.steps[0].message).toContain('not ready after 500 ms');
    expect(evidence.steps.slice(1).every((s) => s.status === 'skipped')).toBe(true);
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('stops a program that spins forever at the wall limit and cleans up', async () => {
    const jobId = 'lab-test-spin';
    const grader = capturingGrader();
    const started = performance.now();
    const report = await execute(
      { spec: echoExercise({ wallMs: 1500, readTimeoutMs: 30_000 }) },
      c(fixture('stuck-server.c')),
      { driver, outDir: outDir(), jobId, grade: grader.grade },
    );
    expect(report.gradable).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    const [evidence] = grader.evidence;
    const read = evidence.steps.find((s) => s.action === 'readToEof on c1');
    expect(read).toMatchObject({ status: 'timeout' });
    expect(read?.message).toContain('wall limit of 1500 ms');
    expect(evidence.processes[0]).toMatchObject({ killedByLab: true, aliveAtEnd: true });
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('cancels promptly on abort, reports not gradable and leaves nothing behind', async () => {
    const jobId = 'lab-test-abort';
    const controller = new AbortController();
    const { events, onEvent } = collectEvents();
    let abortedAt = 0;
    const report = await execute(
      { spec: echoExercise({ readTimeoutMs: 30_000, wallMs: 30_000 }) },
      c(fixture('stuck-server.c')),
      {
        driver,
        outDir: outDir(),
        jobId,
        grade: capturingGrader().grade,
        signal: controller.signal,
        onEvent: (event) => {
          onEvent(event);
          // Abort once the peer's connection is established: mid-scenario.
          if (event.type === 'state' && event.to === 'ESTABLISHED' && abortedAt === 0) {
            abortedAt = performance.now();
            controller.abort(new Error('test cancels the run'));
          }
        },
      },
    );
    expect(abortedAt).toBeGreaterThan(0);
    expect(performance.now() - abortedAt).toBeLessThan(3_000);
    expect(report).toMatchObject({ gradable: false, infraError: { code: 'lab/aborted' } });
    expect(events.at(-1)).toMatchObject({ type: 'result', gradable: false });
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('stops a run at its whole-run deadline as a lab fault, and leaves nothing behind', async () => {
    const jobId = 'lab-test-deadline';
    const { events, onEvent } = collectEvents();
    const report = await execute(
      { spec: echoExercise({ readTimeoutMs: 30_000, wallMs: 30_000 }) },
      c(fixture('stuck-server.c')),
      { driver, outDir: outDir(), jobId, grade: capturingGrader().grade, onEvent, deadlineMs: 8_000 },
    );
    expect(report).toMatchObject({ gradable: false, infraError: { code: 'lab/deadline-exceeded' } });
    expect(report.infraError?.message).toMatch(/did not finish within 8 s.*not of your program/);
    expect(report.timings.totalMs).toBeLessThan(8_000 + 15_000);
    expect(events.at(-1)).toMatchObject({ type: 'result', gradable: false });
    expect(leftovers(jobId, shortJobHash(jobId))).toEqual([]);
  });

  it('reports a sandbox that never answers as deadline-exceeded instead of hanging', async () => {
    const wedged: SandboxDriver = {
      name: 'local',
      prepare: () => new Promise(() => undefined),
      run: () => new Promise(() => undefined),
      reap: (jobId) => driver.reap(jobId),
    };
    const { events, onEvent } = collectEvents();
    const report = await execute({ spec: echoExercise({}) }, c(ECHO_SERVER_C), {
      driver: wedged,
      outDir: outDir(),
      jobId: 'lab-test-wedged',
      onEvent,
      deadlineMs: 500,
    });
    expect(report).toMatchObject({ gradable: false, infraError: { code: 'lab/deadline-exceeded' } });
    const result = events.findIndex((e) => e.type === 'result');
    expect(result).toBe(events.length - 1);
  });
});
