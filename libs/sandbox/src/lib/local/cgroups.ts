import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SandboxError } from '../errors';

/**
 * Per-run cgroups for the local driver, on cgroup v1 (memory, pids, cpuacct hierarchies)
 * or v2 (one unified directory). Layout: `<own cgroup>/sls-<jobId>/<run>` in every
 * hierarchy, so limits nest under whatever cgroup the runner itself lives in (a pod, a
 * service) and the reaper can find a job's tree by name alone.
 */

export const CGROUP_ROOT = '/sys/fs/cgroup';
const V1_CONTROLLERS = ['memory', 'pids', 'cpuacct'] as const;

export type CgroupVersion = 1 | 2;

export interface RunCgroupLimits {
  memoryBytes: number;
  pids: number;
}

export function detectCgroupVersion(root = CGROUP_ROOT): CgroupVersion | null {
  if (existsSync(join(root, 'cgroup.controllers'))) return 2;
  if (existsSync(join(root, 'memory', 'cgroup.procs')) && existsSync(join(root, 'pids', 'cgroup.procs')))
    return 1;
  return null;
}

/** The job directories (`.../sls-<jobId>`) in every hierarchy this host uses. */
export async function jobCgroupDirs(
  version: CgroupVersion,
  jobName: string,
  root = CGROUP_ROOT,
): Promise<string[]> {
  const own = await ownCgroupPaths();
  if (version === 2) return [join(root, own.get('') ?? '/', jobName)];
  return V1_CONTROLLERS.map((controller) => join(root, controller, own.get(controller) ?? '/', jobName));
}

/** Maps controller name ('' for v2) to this process's cgroup path, from /proc/self/cgroup. */
async function ownCgroupPaths(): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const line of (await readFile('/proc/self/cgroup', 'utf8')).split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of match[1].split(',')) paths.set(controller, match[2]);
  }
  return paths;
}

export class RunCgroup {
  private constructor(
    readonly version: CgroupVersion,
    /** One directory per hierarchy; a process must be added to each. */
    readonly dirs: string[],
  ) {}

  /** Creates `<job dir>/<runName>` in every hierarchy and applies the limits. */
  static async create(
    version: CgroupVersion,
    jobDirs: string[],
    runName: string,
    limits: RunCgroupLimits,
  ): Promise<RunCgroup> {
    const dirs = jobDirs.map((jobDir) => join(jobDir, runName));
    const cgroup = new RunCgroup(version, dirs);
    try {
      if (version === 2) await enableV2Controllers(jobDirs[0]);
      for (const dir of dirs) await mkdir(dir, { recursive: true });
      await cgroup.applyLimits(limits);
    } catch (error) {
      await cgroup.remove().catch(() => undefined);
      throw new SandboxError('sandbox/cgroup-failed', `cannot set up cgroup ${runName}: ${String(error)}`, {
        cause: error,
      });
    }
    return cgroup;
  }

  /** The files a process writes its pid to in order to join this cgroup. */
  get procsFiles(): string[] {
    return this.dirs.map((dir) => join(dir, 'cgroup.procs'));
  }

  async pids(): Promise<number[]> {
    const procs = await readFile(this.procsFiles[this.version === 2 ? 0 : 1], 'utf8').catch(() => '');
    return procs
      .split('\n')
      .filter(Boolean)
      .map((pid) => Number(pid));
  }

  /** SIGKILLs every process in the cgroup until it is empty (fork races included). */
  async killAll(): Promise<number[]> {
    const killed = new Set<number>();
    if (this.version === 2 && existsSync(join(this.dirs[0], 'cgroup.kill'))) {
      for (const pid of await this.pids()) killed.add(pid);
      await writeFile(join(this.dirs[0], 'cgroup.kill'), '1').catch(() => undefined);
    }
    for (let round = 0; round < 50; round++) {
      const pids = await this.pids();
      if (pids.length === 0) break;
      for (const pid of pids) {
        killed.add(pid);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await sleep(2);
    }
    return [...killed];
  }

  async oomKilled(): Promise<boolean | undefined> {
    const file =
      this.version === 2 ? join(this.dirs[0], 'memory.events') : join(this.dirs[0], 'memory.oom_control');
    const text = await readFile(file, 'utf8').catch(() => null);
    const match = text === null ? null : /^oom_kill (\d+)$/m.exec(text);
    return match ? Number(match[1]) > 0 : undefined;
  }

  /** Whether a fork() or clone() was refused at the pids limit (`max` of pids.events, v1 and v2). */
  async pidsLimitHit(): Promise<boolean | undefined> {
    const dir = this.version === 2 ? this.dirs[0] : this.dirs[1];
    const text = await readFile(join(dir, 'pids.events'), 'utf8').catch(() => null);
    const match = text === null ? null : /^max (\d+)$/m.exec(text);
    return match ? Number(match[1]) > 0 : undefined;
  }

  async cpuMs(): Promise<number | undefined> {
    if (this.version === 2) {
      const stat = await readFile(join(this.dirs[0], 'cpu.stat'), 'utf8').catch(() => '');
      const match = /^usage_usec (\d+)$/m.exec(stat);
      return match ? Math.round(Number(match[1]) / 1000) : undefined;
    }
    const usage = await readFile(join(this.dirs[2], 'cpuacct.usage'), 'utf8').catch(() => null);
    return usage === null ? undefined : Math.round(Number(usage) / 1e6);
  }

  /** Kills what is left and removes the directories; tolerates already-removed ones. */
  async remove(): Promise<void> {
    await this.killAll();
    for (const dir of this.dirs) await removeCgroupDir(dir);
  }

  private async applyLimits(limits: RunCgroupLimits): Promise<void> {
    if (this.version === 2) {
      const dir = this.dirs[0];
      await writeFile(join(dir, 'memory.max'), String(limits.memoryBytes));
      await writeOptional(join(dir, 'memory.swap.max'), '0');
      await writeFile(join(dir, 'pids.max'), String(limits.pids));
      return;
    }
    const [memory, pids] = this.dirs;
    await writeFile(join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // Only present with swap accounting; without it there is no swap to escape to.
    await writeOptional(join(memory, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
    await writeFile(join(pids, 'pids.max'), String(limits.pids));
  }
}

/** Removes a job's cgroup tree (children first), killing any process still inside. */
export async function removeCgroupTree(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await removeCgroupTree(join(dir, entry.name));
  const procs = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
  for (const pid of procs.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await removeCgroupDir(dir);
  return true;
}

async function removeCgroupDir(dir: string): Promise<void> {
  // A cgroup is busy until its last task has been fully released by the kernel.
  for (let attempt = 0; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 100) throw error;
      await sleep(5);
    }
  }
}

async function enableV2Controllers(jobDir: string): Promise<void> {
  await mkdir(jobDir, { recursive: true });
  await writeFile(join(jobDir, 'cgroup.subtree_control'), '+memory +pids +cpu').catch(() =>
    writeFile(join(jobDir, 'cgroup.subtree_control'), '+memory +pids'),
  );
}

async function writeOptional(file: string, value: string): Promise<void> {
  if (existsSync(file)) await writeFile(file, value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
