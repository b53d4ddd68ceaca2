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
 *   sh (join cgroups, exec) → [nsenter --net] → bwrap (namespaces, filesystem) →
 *   setpriv (uid/gid 65534, no capabilities, no_new_privs) → prlimit → [strace] → program
 * Every step execs the next, so the spawned pid is bwrap's and the program is pid 2 of its
 * pid namespace under bwrap's reaper; when that reaper dies the kernel kills the namespace.
 */
export function localCommandLine(input: LocalCommandInput): string[] {
  const { spec, netnsPath } = input;
  const enter = netnsPath === null ? [] : ['nsenter', `--net=${netnsPath}`, '--'];
  return [
    '/bin/sh',
    '-c',
    // Positional args: cgroup.procs files, '--', the command to exec.
    'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"',
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
    'prlimit',
    ...rlimitArgs(spec, input.cgroupProcsFiles.length > 0),
    '--',
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

/**
 * RLIMIT_AS and RLIMIT_NPROC only when there is no cgroup: NPROC counts every process of
 * uid 65534 host-wide (all concurrent sandboxes), and AS breaks runtimes that reserve large
 * virtual ranges (the JVM) while the memory cgroup limits what is actually used.
 */
function rlimitArgs(spec: SandboxRunSpec, haveCgroup: boolean): string[] {
  const { cpuSeconds, fileSizeBytes, openFiles, memoryBytes, pids } = spec.limits;
  const args = [
    `--cpu=${cpuSeconds}:${cpuSeconds + 1}`,
    `--fsize=${fileSizeBytes}`,
    `--nofile=${openFiles}`,
    '--core=0',
  ];
  if (!haveCgroup) args.push(`--as=${memoryBytes}`, `--nproc=${pids}`);
  return args;
}
