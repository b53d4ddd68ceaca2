/**
 * Build phase: the submission's files go into the job's work dir and the toolchain's build
 * command runs in a sandbox without network. A compiler error, a missing file or a build
 * that exceeds its limits is a graded outcome (`ok: false`, output shown to the learner).
 */
import type { Toolchain } from '@socklab/exercise';
import type { SandboxDriver } from '@socklab/sandbox';
import { abortable } from '../abort';
import { asInfra } from '../errors';
import type { LabEventSink } from '../events';
import { BUILD_LIMITS } from '../limits';
import type { BuildResult } from '../report';
import type { Teardowns } from '../teardowns';
import { submissionProblems, writeWorkspace, type SubmissionFile } from './workspace';

export interface BuildInput {
  driver: SandboxDriver;
  /** Sandbox job id of the build (prepared here; its reap is handed to `teardowns`). */
  buildJobId: string;
  /** Where the build sandbox's removal goes: it need not delay the scenarios. */
  teardowns: Teardowns;
  workDir: string;
  toolchain: Toolchain;
  files: readonly SubmissionFile[];
  events: LabEventSink;
  signal?: AbortSignal;
  /**
   * Called once the compiler is running (or when there turns out to be nothing to start):
   * the lab opens the scenarios' networks then, so their sandboxes do not compete with the
   * build's own start for the engine.
   */
  onStarted?: () => void;
}

export async function runBuild(input: BuildInput): Promise<BuildResult> {
  let told = false;
  const onStarted = (): void => {
    if (told) return;
    told = true;
    input.onStarted?.();
  };
  try {
    return await build({ ...input, onStarted });
  } finally {
    onStarted();
  }
}

async function build(input: BuildInput): Promise<BuildResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const problems = submissionProblems(input.files, input.toolchain.files);
  if (problems.length > 0) {
    const output = `The submission cannot be built:\n${problems.map((p) => `- ${p}`).join('\n')}\n`;
    input.events.emit({ type: 'output', stream: 'build', host: 'build', chunk: output });
    return { ok: false, output, durationMs: elapsed() };
  }
  await asInfra('lab/workspace-failed', `cannot write the submission into ${input.workDir}`, () =>
    writeWorkspace(input.workDir, input.files),
  );
  if (input.toolchain.build.length === 0) return { ok: true, output: '', durationMs: elapsed() };

  const { driver, buildJobId } = input;
  try {
    await asInfra('lab/sandbox-failed', 'cannot prepare the build sandbox', () =>
      driver.prepare(buildJobId, { network: 'none' }),
    );
    const process = await asInfra('lab/sandbox-failed', 'cannot start the build sandbox', () =>
      driver.run({
        jobId: buildJobId,
        role: 'build',
        argv: input.toolchain.build,
        workDir: input.workDir,
        writable: true,
        network: 'none',
        limits: BUILD_LIMITS,
      }),
    );
    input.onStarted?.();
    let output = '';
    const collect = (async () => {
      for await (const chunk of process.output()) {
        const text = chunk.data.toString('utf8');
        output += text;
        input.events.emit({ type: 'output', stream: 'build', host: 'build', chunk: text });
      }
    })();
    const exit = await abortable(input.signal, process.wait()).catch(async (error: unknown) => {
      await process.kill();
      throw error;
    });
    await collect;
    if (exit.timedOut)
      output += `\nThe build was stopped after ${BUILD_LIMITS.wallMs / 1000} s (time limit).\n`;
    else if (exit.signal)
      output += `\nThe build was killed by ${exit.signal}${exit.oomKilled ? ' (out of memory)' : ''}.\n`;
    if (exit.outputTruncated)
      output += `\n[${exit.droppedOutputBytes} more bytes of build output were dropped]\n`;
    return { ok: exit.exitCode === 0, output, durationMs: elapsed() };
  } finally {
    input.teardowns.add('removing the build sandbox', driver.reap(buildJobId));
  }
}
