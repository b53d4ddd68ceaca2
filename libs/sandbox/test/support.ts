import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputChunk, SandboxLimits, SandboxProcess } from '../src';

export const FIXTURES = join(__dirname, 'fixtures');

export const DEFAULT_LIMITS: SandboxLimits = {
  wallMs: 10_000,
  cpuSeconds: 5,
  memoryBytes: 128 * 1024 * 1024,
  pids: 32,
  fileSizeBytes: 4 * 1024 * 1024,
  openFiles: 64,
  outputBytes: 64 * 1024,
};

/**
 * A shell that prints "sleeping", then answers SIGTERM with "got-term" and exit status 3.
 * It leaves no child behind (strace -f would wait for one), so it suits traced runs too.
 */
export const TERM_TRAP_PROGRAM = [
  '/bin/sh',
  '-c',
  'trap "echo got-term; exit 3" TERM; echo sleeping; while :; do sleep 0.05; done',
];

let jobCounter = 0;
/** Unique per test process and test; the `sls-<id>` resources of other helpers never match. */
export function testJobId(kind: string): string {
  return `${kind}-${process.pid}-${++jobCounter}`;
}

/** A fresh work dir holding the compiled fixtures, readable (and optionally writable) by uid 65534. */
export function makeWorkDir(fixtures: string[], writable = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'sls-test-'));
  chmodSync(dir, 0o755);
  for (const name of fixtures) {
    execFileSync('gcc', ['-O1', '-o', join(dir, name), join(FIXTURES, `${name}.c`)]);
  }
  if (writable) chownSync(dir, 65534, 65534);
  return dir;
}

export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function collectOutput(sandbox: SandboxProcess): Promise<{ stdout: string; stderr: string }> {
  const text = { stdout: '', stderr: '' };
  for await (const chunk of sandbox.output() as AsyncIterable<OutputChunk>)
    text[chunk.stream] += chunk.data.toString();
  return text;
}

/** Host processes whose cgroup path mentions `sls-<jobId>`: must be none after a job ends. */
export function processesInJobCgroups(jobId: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cgroup`, 'utf8').includes(`/sls-${jobId}/`)) found.push(Number(entry));
    } catch {
      // exited while scanning
    }
  }
  return found;
}

/** Every `sls-<jobId>` directory under the host's cgroup mounts (any depth up to 3). */
export function jobCgroupDirsOnHost(jobId: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 3) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === `sls-${jobId}`) found.push(path);
      else walk(path, depth + 1);
    }
  };
  walk('/sys/fs/cgroup', 0);
  return found;
}

export function netnsExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}
