/** Point-in-time socket tables from `ss` run inside a lab network namespace. */
import { execFile } from 'node:child_process';
import { TraceError } from '../errors';
import { parseSsOutput, type SsSocket } from './ss-parse';

export interface SsSnapshot {
  /** CLOCK_MONOTONIC ns halfway between starting ss and its exit (the dump takes ~1 ms). */
  tNs: bigint;
  netns: string | null;
  sockets: SsSocket[];
}

export const SS_ARGS = ['-H', '-t', '-a', '-n', '-o', '-e', '-m', '-p', '-i'] as const;

/** argv that runs `cmd` inside `netns` (null = the caller's own namespace). */
export function inNetns(netns: string | null, cmd: string, args: readonly string[]): [string, string[]] {
  return netns === null ? [cmd, [...args]] : ['ip', ['netns', 'exec', netns, cmd, ...args]];
}

export function runCommand(
  file: string,
  args: string[],
  code: 'trace/ss-failed' | 'trace/nstat-failed',
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new TraceError(code, `${file} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

export async function takeSsSnapshot(netns: string | null): Promise<SsSnapshot> {
  const [file, args] = inNetns(netns, 'ss', SS_ARGS);
  const before = process.hrtime.bigint();
  const output = await runCommand(file, args, 'trace/ss-failed');
  const after = process.hrtime.bigint();
  return { tNs: before + (after - before) / 2n, netns, sockets: parseSsOutput(output) };
}
