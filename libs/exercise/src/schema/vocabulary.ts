/**
 * The closed vocabularies of the spec: names an instructor writes and the lab, tracer and
 * grader must all understand. Kept here, free of Node imports, so the portal can offer them
 * as completions and the error messages can suggest near misses.
 */
import { TCP_STATES } from '@socklab/contracts';

/** RFC 9293 §3.3.2 state names, one list for netstack, trace.json, specs and events. */
export { TCP_STATES };
export type TcpStateName = (typeof TCP_STATES)[number];

/** Spellings used by `ss`, netstat and textbooks, mapped to ours (used only for suggestions). */
export const TCP_STATE_ALIASES: Readonly<Record<string, TcpStateName>> = {
  SYN_RECV: 'SYN_RECEIVED',
  SYN_RCVD: 'SYN_RECEIVED',
  ESTAB: 'ESTABLISHED',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  UNCONN: 'CLOSED',
};

export const LANGUAGES = ['c', 'cpp', 'python', 'java'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_ALIASES: Readonly<Record<string, Language>> = {
  py: 'python',
  python3: 'python',
  'c++': 'cpp',
  cxx: 'cpp',
};

export const DIFFICULTIES = ['intro', 'intermediate', 'advanced'] as const;

export const SIGNALS = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGABRT',
  'SIGKILL',
  'SIGSEGV',
  'SIGPIPE',
  'SIGALRM',
  'SIGTERM',
  'SIGUSR1',
  'SIGUSR2',
  'SIGBUS',
  'SIGFPE',
] as const;
export type SignalName = (typeof SIGNALS)[number];

export const ERRNOS = [
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'EAGAIN',
  'EINTR',
  'EINPROGRESS',
  'EALREADY',
  'EISCONN',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EBADF',
  'EINVAL',
  'EMFILE',
] as const;

/** System calls the strace collector maps onto the timeline. */
export const SYSCALLS = [
  'socket',
  'bind',
  'listen',
  'accept',
  'accept4',
  'connect',
  'read',
  'recv',
  'recvfrom',
  'recvmsg',
  'write',
  'send',
  'sendto',
  'sendmsg',
  'shutdown',
  'close',
  'setsockopt',
  'getsockopt',
  'fcntl',
  'poll',
  'select',
  'epoll_wait',
] as const;

/**
 * Counters the lab records per host. `listenOverflows`/`listenDrops` are the kernel's
 * TcpExtListenOverflows/TcpExtListenDrops read in the learner's namespace; the others are
 * counted from the capture.
 */
export const COUNTERS = [
  'synRetransmissions',
  'retransmissions',
  'listenOverflows',
  'listenDrops',
  'resetsSent',
  'resetsReceived',
  'zeroWindowProbes',
] as const;

/**
 * Kernel settings an exercise may give a learner host's network namespace (sysctl(8)),
 * with the range each accepts. All are per-namespace on Linux, so they change nothing
 * outside the lab. Example: `net.ipv4.tcp_syncookies: 0` makes a full SYN queue drop SYNs
 * (as the seed articles draw it) instead of answering with SYN cookies.
 */
export const SYSCTL_RANGES = {
  'net.core.somaxconn': [0, 65535],
  'net.ipv4.tcp_syncookies': [0, 2],
  'net.ipv4.tcp_max_syn_backlog': [0, 65535],
  'net.ipv4.tcp_abort_on_overflow': [0, 1],
  'net.ipv4.tcp_syn_retries': [1, 127],
  'net.ipv4.tcp_synack_retries': [0, 127],
  'net.ipv4.tcp_retries2': [0, 255],
  'net.ipv4.tcp_fin_timeout': [1, 600],
  'net.ipv4.tcp_keepalive_time': [1, 32767],
  'net.ipv4.tcp_keepalive_intvl': [1, 32767],
  'net.ipv4.tcp_keepalive_probes': [1, 127],
} as const satisfies Record<string, readonly [number, number]>;
export type SysctlName = keyof typeof SYSCTL_RANGES;
export const SYSCTLS = Object.keys(SYSCTL_RANGES) as [SysctlName, ...SysctlName[]];

/**
 * Counters a step can wait for (`when: {counter}`): those counted from the capture while it
 * is recorded. The kernel's (`listenOverflows`, `listenDrops`) are read at the scenario's end.
 */
export const CAPTURE_COUNTERS = [
  'synRetransmissions',
  'retransmissions',
  'resetsSent',
  'resetsReceived',
  'zeroWindowProbes',
] as const satisfies readonly (typeof COUNTERS)[number][];
export type CaptureCounter = (typeof CAPTURE_COUNTERS)[number];

export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;

/** What a packet pattern matches: TCP segments (the default), UDP datagrams or ICMP messages. */
export const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];

/**
 * ICMP messages by name (RFC 792): echo request/reply, and destination unreachable, as any
 * code (`unreachable`) or one of codes 0 (net), 1 (host) and 3 (port).
 */
export const ICMP_KINDS = [
  'echo-request',
  'echo-reply',
  'unreachable',
  'net-unreachable',
  'host-unreachable',
  'port-unreachable',
] as const;
export type IcmpKind = (typeof ICMP_KINDS)[number];

/** Whether an ICMP message of this RFC 792 type and code is of the named kind. */
export function isIcmpKind(kind: IcmpKind, type: number, code: number): boolean {
  switch (kind) {
    case 'echo-reply':
      return type === 0;
    case 'echo-request':
      return type === 8;
    case 'unreachable':
      return type === 3;
    case 'net-unreachable':
      return type === 3 && code === 0;
    case 'host-unreachable':
      return type === 3 && code === 1;
    case 'port-unreachable':
      return type === 3 && code === 3;
  }
}

/** learner-to-peer: sent by a learner program; peer-to-learner: sent toward it. */
export const DIRECTIONS = ['learner-to-peer', 'peer-to-learner'] as const;

export const SOCKET_ROLES = ['listener', 'accepted', 'connected'] as const;

export const VISIBILITIES = ['visible', 'hidden', 'after-due'] as const;

/**
 * Filler for `send: {bytes: n}`, input files and stream checks (byte-patterns.ts):
 * `alphabet` is abcdefghijklmnopqrstuvwxyz repeated, `alphabet-upper` the same in capitals,
 * `counter` the bytes 0…255 repeated; `random` is seeded per run (so stream checks cannot name it).
 */
export const BYTE_PATTERNS = ['alphabet', 'alphabet-upper', 'zeros', 'counter', 'random'] as const;
export type BytePattern = (typeof BYTE_PATTERNS)[number];
export const DETERMINISTIC_BYTE_PATTERNS = ['alphabet', 'alphabet-upper', 'zeros', 'counter'] as const;
export type DeterministicBytePattern = (typeof DETERMINISTIC_BYTE_PATTERNS)[number];

/**
 * Placeholders allowed in argv templates and env values:
 * `{port}` the run's service port (chosen by the lab; programs must not assume a value),
 * `{host}` the IPv4 address of the learner host's `target`,
 * `{file}` the path of the scenario's input file inside the sandbox.
 * `{i}` (the iteration, 0-based) is allowed only in names and data inside `repeat`.
 */
export const ARGV_PLACEHOLDERS = ['port', 'host', 'file'] as const;
export const REPEAT_PLACEHOLDER = 'i';
