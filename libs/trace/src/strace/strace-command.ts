/**
 * The strace invocation whose output parseStrace() reads (strace ≥ 5.18 for precision:ns;
 * Debian 12 ships 6.1):
 *   -f                       follow forks; with -o every line starts with the pid
 *   --absolute-timestamps=format:unix,precision:ns   CLOCK_REALTIME, ns (see clock-alignment.ts)
 *   -T                       time spent in each call (<0.000116>)
 *   -yy                      decorate fds: 4<TCP:[10.202.0.1:38486->10.202.0.2:7000]> / 3<TCP:[67504]>
 *   -s 64                    keep data excerpts short; bytes moved are in the return value
 *   -e signal=all            --- SIGPIPE {...} --- lines
 *   trace=?name              '?' skips calls this architecture lacks (send/recv on x86-64)
 */
export const TRACED_SYSCALLS = [
  'socket',
  'bind',
  'listen',
  'accept',
  'accept4',
  'connect',
  'shutdown',
  'close',
  'read',
  'write',
  'readv',
  'writev',
  'send',
  'sendto',
  'recv',
  'recvfrom',
  'sendmsg',
  'recvmsg',
  'setsockopt',
  'getsockopt',
  'poll',
  'ppoll',
  'select',
  'pselect6',
  'epoll_wait',
  'epoll_pwait',
  'epoll_ctl',
  'fcntl',
] as const;

/** Calls that only matter when their fd is a socket (read on a file is noise). */
export const FD_GENERIC_SYSCALLS: ReadonlySet<string> = new Set([
  'read',
  'write',
  'readv',
  'writev',
  'close',
  'fcntl',
]);

export function straceArgs(outputFile: string, command: readonly string[]): string[] {
  return [
    '-f',
    '-o',
    outputFile,
    '--absolute-timestamps=format:unix,precision:ns',
    '-T',
    '-yy',
    '-s',
    '64',
    '-e',
    `trace=${TRACED_SYSCALLS.map((s) => `?${s}`).join(',')}`,
    '-e',
    'signal=all',
    '--',
    ...command,
  ];
}
