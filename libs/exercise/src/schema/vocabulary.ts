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

export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;

/** learner-to-peer: sent by a learner program; peer-to-learner: sent toward it. */
export const DIRECTIONS = ['learner-to-peer', 'peer-to-learner'] as const;

export const SOCKET_ROLES = ['listener', 'accepted', 'connected'] as const;

export const VISIBILITIES = ['visible', 'hidden', 'after-due'] as const;

/** Filler for `send: {bytes: n}`: `alphabet` is abcdefghijklmnopqrstuvwxyz repeated; `random` is seeded per run. */
export const BYTE_PATTERNS = ['alphabet', 'zeros', 'counter', 'random'] as const;

/**
 * Placeholders allowed in argv templates and env values:
 * `{port}` the run's service port (chosen by the lab; programs must not assume a value),
 * `{host}` the IPv4 address of the learner host's `target`,
 * `{file}` the path of the scenario's input file inside the sandbox.
 * `{i}` (the iteration, 0-based) is allowed only in names and data inside `repeat`.
 */
export const ARGV_PLACEHOLDERS = ['port', 'host', 'file'] as const;
export const REPEAT_PLACEHOLDER = 'i';
