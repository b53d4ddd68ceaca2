/** Exercise limits (spec `limits`) → the sandbox's per-process limits. */
import type { Limits } from '@socklab/exercise';
import type { SandboxLimits } from '@socklab/sandbox';

const MIB = 1024 * 1024;

/** Builds get their own budget: compilers need more memory and time than most learner programs. */
export const BUILD_LIMITS: SandboxLimits = {
  wallMs: 60_000,
  cpuSeconds: 60,
  memoryBytes: 1024 * MIB,
  pids: 64,
  fileSizeBytes: 64 * MIB,
  openFiles: 256,
  outputBytes: 256 * 1024,
};

/**
 * A learner process may live for the scenario's wall budget plus its settle time; the
 * sandbox's own wall timer is the backstop behind the engine's scenario deadline.
 */
export function runLimits(limits: Limits, settleMs: number): SandboxLimits {
  const wallMs = limits.wallMs + settleMs + 2_000;
  return {
    wallMs,
    cpuSeconds: Math.max(1, Math.ceil(wallMs / 1000)),
    memoryBytes: limits.memoryMb * MIB,
    pids: limits.processes,
    fileSizeBytes: 16 * MIB,
    openFiles: 1024,
    outputBytes: limits.outputBytes,
  };
}
