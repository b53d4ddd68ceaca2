import type { ContainerCreateOptions } from 'dockerode';
import { DRIVER_LABEL, JOB_LABEL, ROLE_LABEL } from '../naming';
import { SANDBOX_PATH, SANDBOX_WORK_DIR, sandboxArgv } from '../strace';
import type { SandboxRunSpec } from '../types';

/**
 * runc's init (a Go program) runs inside the container's pids cgroup until it execs the
 * program, and each of its threads counts: below about 16 pids, `runc start` fails now and
 * then under load. A learner limit below this is raised to it in containers.
 */
export const RUNC_INIT_PIDS = 16;

export const SANDBOX_USER = '65534:65534';
const HOST_WIDE_NPROC_BACKSTOP = 16384;
const STDIN_PATH = '/run/sls-stdin';

export function jobLabels(jobId: string, role: string): Record<string, string> {
  return { [JOB_LABEL]: jobId, [ROLE_LABEL]: role, [DRIVER_LABEL]: 'docker' };
}

/**
 * Create options for one sandboxed program. `networkMode` is 'none' or
 * 'container:<holder id>' (the job's shared netns). No capabilities, read-only root,
 * no_new_privs, uid 65534; /tmp is a tmpfs of `fileSizeBytes`; the work dir is a bind
 * mount, so the engine must see the same filesystem as the runner (local engine).
 */
export function programContainerOptions(
  spec: SandboxRunSpec,
  name: string,
  image: string,
  networkMode: string,
  /** Host file whose bytes become the program's stdin, or null for an empty stdin. */
  stdinFile: string | null,
): ContainerCreateOptions {
  const { limits } = spec;
  const argv = sandboxArgv(spec);
  const binds = [`${spec.workDir}:${SANDBOX_WORK_DIR}:${spec.writable ? 'rw' : 'ro'}`];
  if (stdinFile !== null) binds.push(`${stdinFile}:${STDIN_PATH}:ro`);
  return {
    name,
    Image: image,
    Cmd: stdinFile === null ? argv : ['/bin/sh', '-c', `exec "$@" < ${STDIN_PATH}`, 'sls-stdin', ...argv],
    Env: Object.entries({ PATH: SANDBOX_PATH, HOME: SANDBOX_WORK_DIR, LANG: 'C.UTF-8', ...spec.env }).map(
      ([key, value]) => `${key}=${value}`,
    ),
    User: SANDBOX_USER,
    WorkingDir: SANDBOX_WORK_DIR,
    Labels: jobLabels(spec.jobId, spec.role),
    Tty: false,
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: false,
    OpenStdin: false,
    HostConfig: {
      NetworkMode: networkMode,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Binds: binds,
      Tmpfs: { '/tmp': `rw,nosuid,nodev,size=${limits.fileSizeBytes},mode=1777` },
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      PidsLimit: Math.max(limits.pids, RUNC_INIT_PIDS),
      NanoCpus: 1_000_000_000,
      Ulimits: [
        { Name: 'cpu', Soft: limits.cpuSeconds, Hard: limits.cpuSeconds + 1 },
        { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
        { Name: 'nofile', Soft: limits.openFiles, Hard: limits.openFiles },
        { Name: 'core', Soft: 0, Hard: 0 },
        // Explicit because engines otherwise copy their own (possibly unraisable) limit. NPROC
        // counts all processes of uid 65534 host-wide, so it is only a backstop; PidsLimit is the limit.
        { Name: 'nproc', Soft: HOST_WIDE_NPROC_BACKSTOP, Hard: HOST_WIDE_NPROC_BACKSTOP },
      ],
      AutoRemove: false,
    },
  };
}

/** The job's network holder: an idle container whose netns the lab wires and programs join. */
export function netnsHolderOptions(jobId: string, name: string, image: string): ContainerCreateOptions {
  return {
    name,
    Image: image,
    Cmd: ['sleep', 'infinity'],
    User: SANDBOX_USER,
    Labels: jobLabels(jobId, 'netns'),
    HostConfig: {
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      // Room for runc's own init (a Go program: its threads count as pids, and it held a
      // limit of 4 only when idle — under load `runc start` failed about 1 time in 40).
      Memory: 32 * 1024 * 1024,
      PidsLimit: 32,
      AutoRemove: false,
    },
  };
}
