/**
 * The live LabEvent stream while a scenario runs: the learner's kernel socket states and
 * socket calls arrive as they happen (not when the scenario ends), each source in time
 * order, with `t` the time the event happened. As root with the local driver.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent, LabEventOf } from '@socklab/contracts';
import { LocalDriver } from '@socklab/sandbox';
import { execute } from '../src';
import { ECHO_SERVER_C, echoExercise } from './fixtures/exercise';
import { capturingGrader } from './support';

jest.setTimeout(60_000);

/**
 * The echo server, except that after the client's FIN it holds its socket in CLOSE_WAIT
 * until the file /work/release appears (at most 8 s), then sends its summary and closes.
 */
const HELD_CLOSE_SERVER_C = ECHO_SERVER_C.replace(
  '    char line[64];',
  '    for (int i = 0; i < 800 && access("/work/release", F_OK) != 0; i++) usleep(10000);\n    char line[64];',
);

/** The host directory execute() made for the job's sandbox work dir (/work inside). */
function workDirOf(jobId: string): string | undefined {
  const dir = readdirSync(tmpdir()).find((name) => name.startsWith(`socklab-${jobId}-`));
  return dir === undefined ? undefined : join(tmpdir(), dir, 'work');
}

describe('the live event stream', () => {
  it('shows the learner socket in CLOSE_WAIT and its read() of 0 while the scenario still waits on it', async () => {
    const jobId = `lab-test-live-${process.pid}`;
    const grader = capturingGrader();
    const events: LabEvent[] = [];
    let releasedAtSeq = -1;
    const isKernel = (e: LabEvent, to: string): boolean =>
      e.type === 'state' && e.source === 'kernel' && e.to === to;
    expect(HELD_CLOSE_SERVER_C).not.toBe(ECHO_SERVER_C);
    const report = await execute(
      { spec: echoExercise({ readTimeoutMs: 15_000, wallMs: 20_000 }) },
      { language: 'c', files: [{ name: 'main.c', content: HELD_CLOSE_SERVER_C }] },
      {
        driver: new LocalDriver(),
        outDir: mkdtempSync(join(tmpdir(), 'lab-test-')),
        jobId,
        seed: 11,
        grade: grader.grade,
        onEvent: (event) => {
          events.push(event);
          // The program holds CLOSE_WAIT until released: only a live stream can release it.
          const sawFin = events.some((e) => isKernel(e, 'CLOSE_WAIT'));
          const sawEof = events.some((e) => e.type === 'syscall' && e.name === 'read' && e.result === 0);
          if (releasedAtSeq < 0 && sawFin && sawEof) {
            const work = workDirOf(jobId);
            if (work === undefined || !existsSync(work)) return;
            writeFileSync(join(work, 'release'), '');
            releasedAtSeq = event.seq;
          }
        },
      },
    );
    expect(report.infraError).toBeUndefined();
    // Released while the program held CLOSE_WAIT: its LAST_ACK comes later in the stream.
    expect(releasedAtSeq).toBeGreaterThan(0);
    expect(events.find((e) => isKernel(e, 'LAST_ACK'))?.seq).toBeGreaterThan(releasedAtSeq);
    const [evidence] = grader.evidence;
    const received = Buffer.from(evidence.streams.c1.received, 'base64').toString('latin1');
    expect(received.endsWith('BYTES 8202\n')).toBe(true);
    expect(evidence.steps.find((s) => s.action === 'readToEof on c1')).toMatchObject({ status: 'done' });

    // Each source in time order, seq in emission order.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    const states = events.filter((e): e is LabEventOf<'state'> => e.type === 'state');
    const syscalls = events.filter((e): e is LabEventOf<'syscall'> => e.type === 'syscall');
    for (const stream of [
      states.filter((e) => e.source === 'kernel'),
      states.filter((e) => e.source === 'netstack'),
      syscalls,
    ]) {
      expect(stream.length).toBeGreaterThan(0);
      expect(stream.map((e) => e.t)).toEqual([...stream.map((e) => e.t)].sort((a, b) => a - b));
    }

    // `t` is when it happened: the gaps between events are the trace's own gaps.
    const server = evidence.hostAddresses.server;
    const accepted = evidence.trace.connections
      .flatMap((conn) => conn.endpoints)
      .find((ep) => ep.local.addr === server && ep.local.port === evidence.port);
    const kernelAt = (state: string) =>
      accepted?.states.find((s) => s.source === 'kernel' && s.state === state)?.t ?? NaN;
    const eventAt = (state: string) =>
      states.find(
        (e) => e.source === 'kernel' && e.endpoint === `${server}:${evidence.port}` && e.to === state,
      )?.t ?? NaN;
    const traceGapMs = (kernelAt('LAST_ACK') - kernelAt('ESTABLISHED')) / 1e6;
    expect(traceGapMs).toBeGreaterThan(0);
    expect(eventAt('LAST_ACK') - eventAt('ESTABLISHED')).toBeCloseTo(traceGapMs, 3);
    // The same calls as the evidence, stamped with their return.
    expect(syscalls.map((e) => e.name)).toEqual(evidence.trace.syscalls.map((s) => s.name));
    const accept = evidence.trace.syscalls.findIndex((s) => s.name === 'accept');
    const close = evidence.trace.syscalls.findIndex((s) => s.name === 'close');
    const callGapMs =
      ((evidence.trace.syscalls[close].tEnd ?? NaN) - (evidence.trace.syscalls[accept].tEnd ?? NaN)) / 1e6;
    expect(syscalls[close].t - syscalls[accept].t).toBeCloseTo(callGapMs, 3);
  });
});
