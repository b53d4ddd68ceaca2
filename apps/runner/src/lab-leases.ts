/**
 * Host resources of the labs a runner runs, recorded so that any runner on the same host
 * removes them when the runner that started them died mid-run (kill -9, out of memory):
 * the lab cleans up after itself only while its process lives.
 *
 * A lease is a file <dir>/<lab job id>.json naming the runner process (pid and start time,
 * so a reused pid is not mistaken for it) and the shape of the lab. `sweep()` reaps every
 * lease whose process is gone. What a lab leaves follows @socklab/lab's naming: sandbox
 * jobs `<lab job>-b` (build) and `<lab job>-s<scenario>-<learner host>` (processes,
 * cgroups, network namespaces: the driver's reap), and tracefs instances
 * `slb-<lab job>-s<scenario>` (kernel tracing that would otherwise go on).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { jobResourceName, type SandboxDriver } from '@socklab/sandbox';
import { locateTracefs } from '@socklab/trace';

export interface LabShape {
  scenarios: number;
  learnerHosts: number;
}

interface Lease extends LabShape {
  labJobId: string;
  pid: number;
  startTime: string;
}

export class LabLeases {
  constructor(
    private readonly dir: string,
    private readonly driver: Pick<SandboxDriver, 'reap'>,
    private readonly tracefsRoot: () => string | null = defaultTracefsRoot,
    private readonly netnsDir = '/run/netns',
  ) {}

  async take(labJobId: string, shape: LabShape): Promise<void> {
    const lease: Lease = { labJobId, pid: process.pid, startTime: startTimeOf(process.pid) ?? '', ...shape };
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.fileOf(labJobId), JSON.stringify(lease));
  }

  async release(labJobId: string): Promise<void> {
    await rm(this.fileOf(labJobId), { force: true });
  }

  /** Reaps the labs of runner processes that are gone. @returns their lab job ids. */
  async sweep(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const reaped: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = path.join(this.dir, name);
      const lease = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as Lease)
        .catch(() => null);
      if (!lease) continue;
      if (startTimeOf(lease.pid) === lease.startTime) continue; // its runner still runs
      await this.reap(lease);
      await rm(file, { force: true });
      reaped.push(lease.labJobId);
    }
    return reaped;
  }

  private async reap(lease: Lease): Promise<void> {
    const sandboxJobs = [`${lease.labJobId}-b`];
    for (let s = 0; s < lease.scenarios; s++)
      for (let h = 0; h < lease.learnerHosts; h++) sandboxJobs.push(`${lease.labJobId}-s${s}-${h}`);
    await Promise.allSettled(sandboxJobs.map((jobId) => this.driver.reap(jobId)));
    // A runner killed inside the driver's prepare() may have created a job's namespace
    // without recording it, so reap() does not know it: it is removed by its exact name.
    await Promise.allSettled(sandboxJobs.map((jobId) => this.deleteNetns(jobResourceName(jobId))));
    const root = this.tracefsRoot();
    if (root) {
      for (let s = 0; s < lease.scenarios; s++) {
        // An instance is removed with rmdir; its files go with it.
        await rmdir(path.join(root, 'instances', `slb-${lease.labJobId}-s${s}`)).catch(() => undefined);
      }
    }
  }

  private deleteNetns(name: string): Promise<void> {
    if (!existsSync(path.join(this.netnsDir, name))) return Promise.resolve();
    return new Promise((resolve) => execFile('ip', ['netns', 'delete', name], () => resolve()));
  }

  private fileOf(labJobId: string): string {
    return path.join(this.dir, `${labJobId}.json`);
  }
}

/** The shape of a lab from its stored exercise spec (unknown until validated by the engine). */
export function labShapeOf(spec: unknown): LabShape {
  const s = spec as { scenarios?: unknown[]; hosts?: { learner?: unknown[] } } | null;
  return { scenarios: s?.scenarios?.length ?? 0, learnerHosts: s?.hosts?.learner?.length ?? 0 };
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot), or null when there is no such process. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function defaultTracefsRoot(): string | null {
  try {
    return locateTracefs();
  } catch {
    return null;
  }
}
