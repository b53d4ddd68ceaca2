/**
 * process: the outcome of the host's program. When the lab restarted it, `killed: false`
 * must hold for every run (a learner program must never die of a signal; the lab's own
 * stop at a restart or at the end does not count), `killed: <SIGNAL>` for some run, and
 * exitCode, stdout and aliveAtEnd describe the last run, the one the scenario ended with.
 * stdout.equals compares the whole output; stdout.matches is a regular expression searched
 * in it, with ^ and $ matching at line boundaries.
 */
import type { Assertion } from '@socklab/exercise';
import type { EvidenceRef, ProcessOutcome } from '../api';
import { at, listWords, quoteBytes } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';

type ProcessAssertion = Extract<Assertion, { kind: 'process' }>;

const PROCESS_LIMIT_NOTE =
  " It reached the exercise's limit of processes and threads: a fork() or thread creation failed with EAGAIN.";
const STDERR_HEAD = 80;
const STDERR_TAIL = 160;

export function evaluateProcess(assertion: ProcessAssertion, context: ScenarioContext): CheckOutcome {
  const runs = context.runsOf(assertion.host);
  if (runs.length === 0) {
    const step = context.failedStepSummary();
    return unavailable(`no run of the ${assertion.host} program was recorded${step ? ` (${step})` : ''}`);
  }
  const last = runs[runs.length - 1];
  const refs: EvidenceRef[] = runs.map((run) => ({ kind: 'process', host: assertion.host, pid: run.pid }));
  const expected: string[] = [];
  const problems: string[] = [];
  let lookAt: string | undefined;

  if (assertion.killed === false) {
    expected.push('never be killed by a signal');
    const killed = runs.find((run) => run.signal !== null && !run.killedByLab);
    if (killed) {
      problems.push(`${killedBy(killed)}${killed.exitedAt !== null ? ` at ${at(killed.exitedAt)}` : ''}`);
      lookAt = signalAdvice(killed, context);
    }
  } else if (assertion.killed !== undefined) {
    expected.push(`be killed by ${assertion.killed}`);
    if (!runs.some((run) => run.signal === assertion.killed)) problems.push(`it was not (${endOf(last)})`);
  }
  if (assertion.exitCode !== undefined) {
    expected.push(`exit with status ${assertion.exitCode}`);
    if (last.exitCode !== assertion.exitCode || last.signal !== null) noteOnce(problems, endOf(last));
  }
  if (assertion.stdout !== undefined) {
    const { equals, matches } = assertion.stdout;
    const printed = quoteBytes(Buffer.from(last.stdout), 200);
    const truncated = last.outputTruncated ? ' (output truncated at the limit)' : '';
    if (equals !== undefined) {
      expected.push(`print exactly ${quoteBytes(Buffer.from(equals), 200)}`);
      if (last.stdout !== equals) problems.push(`it printed ${printed}${truncated}`);
    } else if (matches !== undefined) {
      expected.push(`print output matching /${matches}/`);
      if (!new RegExp(matches, 'm').test(last.stdout)) problems.push(`it printed ${printed}${truncated}`);
    }
  }
  if (assertion.aliveAtEnd !== undefined) {
    expected.push(
      assertion.aliveAtEnd
        ? 'still be running when the scenario ended'
        : 'have ended by the end of the scenario',
    );
    const problem = assertion.aliveAtEnd ? endOf(last) : 'it was still running';
    if (last.aliveAtEnd !== assertion.aliveAtEnd) noteOnce(problems, problem);
  }

  const subject = `the ${assertion.host} program to ${listWords(expected)}`;
  if (problems.length === 0) {
    const output = assertion.stdout ? ` after printing ${quoteBytes(Buffer.from(last.stdout), 200)}` : '';
    const restarts = runs.length > 1 ? ` (the last of ${runs.length} runs)` : '';
    return passed(`As expected, ${endOf(last)}${output}${restarts}.`, refs);
  }
  const stderr = last.stderr.trim() ? ` Its stderr: ${quoteStderr(last.stderr)}.` : '';
  const limit = runs.some((run) => run.limitsReached?.includes('processes')) ? PROCESS_LIMIT_NOTE : '';
  return failed(
    {
      expected: subject,
      observed: `${problems.join('; ')}.${stderr}${limit}`,
      ...(lookAt ? { lookAt } : {}),
    },
    refs,
  );
}

/**
 * stderr whole when short, else its beginning and its end: a Java exception names itself
 * first, a Python traceback last ("UnicodeDecodeError: …"), and both matter more than the
 * stack frames between.
 */
function quoteStderr(stderr: string): string {
  const bytes = Buffer.from(stderr);
  if (bytes.length <= STDERR_HEAD + STDERR_TAIL) return quoteBytes(bytes, bytes.length);
  const head = bytes.subarray(0, STDERR_HEAD);
  const tail = bytes.subarray(bytes.length - STDERR_TAIL);
  return `${quoteBytes(head, STDERR_HEAD)} … ${quoteBytes(tail, STDERR_TAIL)} (${bytes.length} bytes in all)`;
}

/** Adds a problem unless one already said it (perhaps with a time added). */
function noteOnce(problems: string[], problem: string): void {
  if (!problems.some((said) => said.startsWith(problem))) problems.push(problem);
}

/** How a run ended, in words. */
export function endOf(run: ProcessOutcome): string {
  if (run.aliveAtEnd && run.exitedAt === null) return 'it was still running at the end';
  if (run.timedOut) return 'it was still running when the time limit stopped it';
  if (run.signal !== null) return run.killedByLab ? `the lab stopped it with ${run.signal}` : killedBy(run);
  if (run.exitCode !== null) return `it exited with status ${run.exitCode}`;
  return 'it was still running at the end';
}

function killedBy(run: ProcessOutcome): string {
  const memory = run.limitsReached?.includes('memory') ? " (out of memory: the exercise's memory limit)" : '';
  return `it was killed by ${run.signal}${memory}`;
}

function signalAdvice(run: ProcessOutcome, context: ScenarioContext): string {
  if (run.limitsReached?.includes('memory'))
    return 'memory the program keeps allocating: buffers that grow with every read, or a connection table that is never freed.';
  if (run.signal !== 'SIGPIPE') return `run pid ${run.pid}: the last system calls before ${run.signal}.`;
  const epipe = context.trace.syscalls
    .filter((call) => call.pid === run.pid && call.errno === 'EPIPE')
    .at(-1);
  const where = epipe ? `the ${epipe.name}() at ${at(epipe.tStart)} on fd ${epipe.fd}: ` : '';
  return (
    `${where}writing to a connection the peer has closed or reset raises SIGPIPE, whose default action ends the process. ` +
    'Ignore it (signal(SIGPIPE, SIG_IGN)) or send with MSG_NOSIGNAL, then handle the EPIPE error.'
  );
}
