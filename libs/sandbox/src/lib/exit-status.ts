import { constants } from 'node:os';
import type { SandboxExit } from './types';

/**
 * bwrap and container engines report a program killed by signal N as exit status 128+N
 * (as a shell does), so statuses 129..(128+highest signal) are reported as that signal.
 * A supervisor killed itself (wall timeout, `kill()`) arrives as `signal`.
 */
export function decodeExitStatus(
  code: number | null,
  signal: NodeJS.Signals | null,
): Pick<SandboxExit, 'exitCode' | 'signal'> {
  if (signal !== null || code === null) return { exitCode: null, signal };
  const name = code > 128 ? signalName(code - 128) : undefined;
  return name ? { exitCode: null, signal: name } : { exitCode: code, signal: null };
}

function signalName(signo: number): NodeJS.Signals | undefined {
  return (Object.keys(constants.signals) as NodeJS.Signals[]).find(
    (name) => constants.signals[name] === signo,
  );
}
