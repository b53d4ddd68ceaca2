import { SANDBOX_PATH, SANDBOX_WORK_DIR, sandboxArgv } from '../strace';
import type { SandboxRunSpec } from '../types';

/** uid/gid every sandboxed program runs as (nobody/nogroup). */
export const SANDBOX_UID = 65534;

/** How the host is laid out, probed once by the driver (merged /usr or not). */
export interface HostLayout {
  /** Top-level entries that are symlinks on the host, e.g. bin -> usr/bin. */
  symlinks: Record<string, string>;
  /** Top-level entries that are real directories and must be bound read-only. */
  directories: string[];
}

export interface LocalCommandInput {
  spec: SandboxRunSpec;
  layout: HostLayout;
  /** Host directory holding the job's generated /etc files. */
  etcDir: string;
  /** Network namespace file to join, or null for a fresh empty one (--unshare-net). */
  netnsPath: string | null;
  /** cgroup.procs files the sandbox joins before bwrap starts; empty when cgroups are unavailable. */
  cgroupProcsFiles: string[];
}

/** Host /etc entries every toolchain needs (dynamic loader cache, Debian alternatives, JDK config). */
const ETC_PASSTHROUGH = ['ld.so.cache', 'alternatives', 'java-17-openjdk', 'localtime'];
const GENERATED_ETC = ['passwd', 'group', 'hosts', 'nsswitch.conf'];

/**
 * The host argv that starts one local sandbox:
 *   sh (join cgroups, set rlimits, exec) → [nsenter --net] → bwrap (namespaces, filesystem) →
 *   setpriv (uid/gid 65534, no capabilities, no_new_privs) → [strace] → program
 * Every step execs the next, so the spawned pid is bwrap's and the program is pid 2 of its
 * pid namespace under bwrap's reaper; when that reaper dies the kernel kills the namespace.
 *
 * The rlimits are set by sh's `ulimit` builtin rather than a prlimit(1) step (one exec
 * fewer; each costs 5-20 ms on a loaded runner). Limits are inherited across exec and
 * fork, so bwrap and setpriv run under them too, which costs them nothing: they are small,
 * root (exempt from RLIMIT_NPROC) and gone before the program starts. A value dash's
 * ulimit cannot state exactly (file sizes in 512-byte blocks, address space in KiB) goes
 * through prlimit instead, so every limit stays byte-exact.
 */
export function localCommandLine(input: LocalCommandInput): string[] {
  const { spec, netnsPath } = input;
  const enter = netnsPath === null ? [] : ['nsenter', `--net=${netnsPath}`, '--'];
  const limits = rlimits(spec, input.cgroupProcsFiles.length > 0);
  const exact = limits.filter((limit) => limit.value % limit.unit === 0);
  const inexact = limits.filter((limit) => limit.value % limit.unit !== 0);
  return [
    '/bin/sh',
    '-c',
    // Positional args: cgroup.procs files, '--', the command to exec. Limit values are
    // validated positive integers (validate-spec.ts). Soft before hard: dash refuses a
    // hard limit below the current soft one.
    'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; ' +
      exact.map(ulimitCommands).join('') +
      'exec "$@"',
    'sls-enter',
    ...input.cgroupProcsFiles,
    '--',
    ...enter,
    'bwrap',
    ...bwrapArgs(input),
    '--',
    'setpriv',
    `--reuid=${SANDBOX_UID}`,
    `--regid=${SANDBOX_UID}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--',
    ...(inexact.length === 0
      ? []
      : ['prlimit', ...inexact.map((limit) => `--${limit.prlimit}=${limit.value}:${limit.hard}`), '--']),
    ...sandboxArgv(spec),
  ];
}

function bwrapArgs({ spec, layout, etcDir, netnsPath }: LocalCommandInput): string[] {
  const args = [
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(netnsPath === null ? ['--unshare-net'] : []),
    '--hostname',
    'sandbox',
    '--die-with-parent',
    '--new-session',
    '--ro-bind',
    '/usr',
    '/usr',
  ];
  for (const [name, target] of Object.entries(layout.symlinks)) args.push('--symlink', target, `/${name}`);
  for (const name of layout.directories) args.push('--ro-bind', `/${name}`, `/${name}`);
  args.push('--perms', '0755', '--dir', '/etc');
  for (const name of GENERATED_ETC) args.push('--ro-bind', `${etcDir}/${name}`, `/etc/${name}`);
  for (const name of ETC_PASSTHROUGH) args.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
  args.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--perms',
    '1777',
    '--size',
    String(spec.limits.fileSizeBytes),
    '--tmpfs',
    '/tmp',
    spec.writable ? '--bind' : '--ro-bind',
    spec.workDir,
    SANDBOX_WORK_DIR,
    '--chdir',
    SANDBOX_WORK_DIR,
    '--clearenv',
  );
  const env = { PATH: SANDBOX_PATH, HOME: SANDBOX_WORK_DIR, LANG: 'C.UTF-8', ...spec.env };
  for (const [key, value] of Object.entries(env)) args.push('--setenv', key, value);
  return args;
}

interface Rlimit {
  /** dash's ulimit option and the unit its numbers are in (bytes per unit). */
  readonly ulimit: string;
  readonly unit: number;
  /** prlimit(1)'s option, for values the unit cannot state. */
  readonly prlimit: string;
  readonly value: number;
  readonly hard: number;
}

/**
 * RLIMIT_AS and RLIMIT_NPROC only when there is no cgroup: NPROC counts every process of
 * uid 65534 host-wide (all concurrent sandboxes), and AS breaks runtimes that reserve large
 * virtual ranges (the JVM) while the memory cgroup limits what is actually used.
 * CPU: the soft limit sends SIGXCPU, the hard one a second later SIGKILL.
 */
function rlimits(spec: SandboxRunSpec, haveCgroup: boolean): Rlimit[] {
  const { cpuSeconds, fileSizeBytes, openFiles, memoryBytes, pids } = spec.limits;
  const limit = (ulimit: string, unit: number, prlimit: string, value: number, hard = value): Rlimit => ({
    ulimit,
    unit,
    prlimit,
    value,
    hard,
  });
  const list = [
    limit('t', 1, 'cpu', cpuSeconds, cpuSeconds + 1),
    limit('f', 512, 'fsize', fileSizeBytes),
    limit('n', 1, 'nofile', openFiles),
    limit('c', 512, 'core', 0),
  ];
  if (!haveCgroup) list.push(limit('v', 1024, 'as', memoryBytes), limit('p', 1, 'nproc', pids));
  return list;
}

function ulimitCommands(limit: Rlimit): string {
  return `ulimit -S -${limit.ulimit} ${limit.value / limit.unit}; ulimit -H -${limit.ulimit} ${limit.hard / limit.unit}; `;
}
