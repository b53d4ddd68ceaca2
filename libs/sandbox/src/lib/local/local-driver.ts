import { spawn } from 'node:child_process';
import { lstatSync, readlinkSync } from 'node:fs';
import { SandboxError } from '../errors';
import { assertJobId, jobResourceName } from '../naming';
import { validateRunSpec } from '../validate-spec';
import type {
  PreparedJob,
  PrepareOptions,
  ReapReport,
  SandboxDriver,
  SandboxProcess,
  SandboxRunSpec,
} from '../types';
import {
  type CgroupVersion,
  RunCgroup,
  detectCgroupVersion,
  jobCgroupDirs,
  removeCgroupTree,
} from './cgroups';
import { type HostLayout, localCommandLine } from './command-line';
import { JobState } from './job-state';
import { LocalSandboxProcess } from './local-process';
import { createNetns, deleteNetns, netnsPath } from './netns';
import { signalPid } from '../process-tree';

export interface LocalDriverOptions {
  /** Where per-job state survives a runner crash (default /run/socklab-sandbox). */
  stateRoot?: string;
  /** 'auto' uses cgroups when the host offers them; 'off' relies on rlimits alone. */
  cgroups?: 'auto' | 'off';
}

/**
 * bubblewrap sandboxes on this host. Must run as root (it joins network namespaces,
 * creates cgroups and drops to uid 65534 inside the sandbox).
 */
export class LocalDriver implements SandboxDriver {
  readonly name = 'local' as const;
  private readonly stateRoot: string;
  private readonly cgroupVersion: CgroupVersion | null;
  private readonly layout = probeHostLayout();
  private runCounter = 0;

  constructor(options: LocalDriverOptions = {}) {
    this.stateRoot = options.stateRoot ?? '/run/socklab-sandbox';
    this.cgroupVersion = options.cgroups === 'off' ? null : detectCgroupVersion();
  }

  /** True when memory/pids limits are enforced per process tree (otherwise only by rlimits). */
  get usesCgroups(): boolean {
    return this.cgroupVersion !== null;
  }

  async prepare(jobId: string, options: PrepareOptions = {}): Promise<PreparedJob> {
    assertJobId(jobId);
    const name = jobResourceName(jobId);
    const state = JobState.at(this.stateRoot, name);
    await state.create(this.cgroupVersion === null ? [] : await jobCgroupDirs(this.cgroupVersion, name));
    if (options.network === 'none') return { jobId, netnsPath: null };
    if (options.netns !== undefined) {
      await state.recordNetns(netnsPath(options.netns), null);
      return { jobId, netnsPath: netnsPath(options.netns) };
    }
    const path = await createNetns(name);
    await state.recordNetns(path, name);
    return { jobId, netnsPath: path };
  }

  async run(spec: SandboxRunSpec): Promise<SandboxProcess> {
    validateRunSpec(spec);
    const name = jobResourceName(spec.jobId);
    const state = JobState.at(this.stateRoot, name);
    if (!(await state.exists())) {
      throw new SandboxError(
        'sandbox/not-prepared',
        `job ${spec.jobId} was not prepared: call prepare() before run()`,
      );
    }
    const jobNetns = spec.network === 'job' ? await this.jobNetnsPath(spec.jobId, state) : null;
    const runName = `${spec.role}-${++this.runCounter}`;
    const cgroup =
      this.cgroupVersion === null
        ? null
        : await RunCgroup.create(this.cgroupVersion, await state.cgroupDirs(), runName, spec.limits);
    const argv = localCommandLine({
      spec,
      layout: this.layout,
      etcDir: state.etcDir,
      netnsPath: jobNetns,
      cgroupProcsFiles: cgroup?.procsFiles ?? [],
    });
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    const pid = child.pid;
    if (pid === undefined) {
      await cgroup?.remove();
      const error = await new Promise<Error>((resolve) => child.once('error', resolve));
      throw new SandboxError('sandbox/spawn-failed', `cannot start bwrap for ${runName}: ${error.message}`, {
        cause: error,
      });
    }
    // Listen before the next await: a program that exits during it would otherwise close
    // its pipes unseen, and wait() would never settle (Node emits 'close' only once).
    const sandboxProcess = new LocalSandboxProcess(Object.assign(child, { pid }), spec, cgroup, async () => {
      await cgroup?.remove();
    });
    try {
      await state.recordProcess(pid);
    } catch (error) {
      await sandboxProcess.kill();
      throw new SandboxError(
        'sandbox/state-failed',
        `cannot record ${runName} of job ${spec.jobId}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    return sandboxProcess;
  }

  async reap(jobId: string): Promise<ReapReport> {
    assertJobId(jobId);
    const name = jobResourceName(jobId);
    const state = JobState.at(this.stateRoot, name);
    const report: ReapReport = {
      jobId,
      killedPids: [],
      removedCgroups: [],
      removedContainers: [],
      removedNetns: [],
    };
    for (const pid of await state.liveProcesses()) if (signalPid(pid, 'SIGKILL')) report.killedPids.push(pid);
    const cgroupDirs = new Set(await state.cgroupDirs());
    if (this.cgroupVersion !== null)
      for (const dir of await jobCgroupDirs(this.cgroupVersion, name)) cgroupDirs.add(dir);
    for (const dir of cgroupDirs) if (await removeCgroupTree(dir)) report.removedCgroups.push(dir);
    const netns = await state.createdNetns();
    if (netns === name && (await deleteNetns(netns))) report.removedNetns.push(netns);
    await state.remove();
    return report;
  }

  private async jobNetnsPath(jobId: string, state: JobState): Promise<string> {
    const path = await state.netnsPath();
    if (path === null) {
      throw new SandboxError(
        'sandbox/not-prepared',
        `job ${jobId} has no network namespace: prepare it again`,
      );
    }
    return path;
  }
}

/** Which top-level entries of / are symlinks into /usr (merged-usr) and which are directories. */
function probeHostLayout(): HostLayout {
  const layout: HostLayout = { symlinks: {}, directories: [] };
  for (const name of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    try {
      if (lstatSync(`/${name}`).isSymbolicLink()) layout.symlinks[name] = readlinkSync(`/${name}`);
      else layout.directories.push(name);
    } catch {
      // absent on this host
    }
  }
  return layout;
}
