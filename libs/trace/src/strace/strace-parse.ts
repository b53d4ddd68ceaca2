/**
 * Parser for strace output produced with strace-command.ts's flags. It understands:
 *   PID STAMP name(args) = ret [ERRNO (text)] <secs>
 *   PID STAMP name(args <unfinished ...>   …   PID STAMP <... name resumed>args) = ret …
 *   PID STAMP --- SIGPIPE {si_signo=SIGPIPE, …} ---
 *   PID STAMP +++ exited with N +++   |   +++ killed by SIGPIPE [(core dumped)] +++
 * with the pid as '[pid N] ' or a bare 'N ' prefix, or absent (then `defaultPid`).
 * Unfinished calls are merged with their resumption; a call still unfinished when its process
 * dies is kept with tEnd = null. Timestamps stay CLOCK_REALTIME ns here; merge/ aligns them.
 */
import { parseUnixStamp } from './clock-alignment';
import { FD_GENERIC_SYSCALLS } from './strace-command';

export interface StraceSocketInfo {
  /** 'TCP', 'UDP', 'TCPv6', 'UNIX-STREAM', … as strace decorates it. */
  protocol: string;
  inode?: number;
  local?: { addr: string; port: number };
  remote?: { addr: string; port: number };
}

export interface StraceSyscall {
  pid: number;
  tStartNs: bigint;
  tEndNs: bigint | null;
  name: string;
  args: string;
  fd: number | null;
  /** From the fd argument's -yy decoration, or from the returned fd (socket, accept). */
  socket: StraceSocketInfo | null;
  /** Return value as printed without decoration: '3', '-1', '?', '0x7f…'. */
  ret: string | null;
  errno: string | null;
  errnoText: string | null;
  durationNs: number | null;
}

export interface StraceSignal {
  pid: number;
  tNs: bigint;
  signal: string;
  info: string;
}

export interface StraceExit {
  pid: number;
  tNs: bigint;
  kind: 'exited' | 'killed';
  exitCode?: number;
  signal?: string;
  coreDumped?: boolean;
}

export interface StraceParseResult {
  syscalls: StraceSyscall[];
  signals: StraceSignal[];
  exits: StraceExit[];
  /** Lines that matched no form (strace's own messages such as 'Process N attached'). */
  unparsed: string[];
}

export interface StraceParseOptions {
  /** pid for lines without a pid prefix (strace -f without -o prints none for the first process). */
  defaultPid?: number;
  /**
   * Keep read/write/close/fcntl only when their fd is a TCP or UDP socket (IPv4 or IPv6), or
   * when they write to stdout/stderr. Default true: other fds (files, the UNIX socketpair a
   * sandboxed program's stdin may be) are noise here.
   */
  inetSocketsOnly?: boolean;
}

/**
 * Writes to stdout and stderr are kept whatever those fds are (often a UNIX socketpair): the
 * grader times printed lines by them.
 */
function isStdioWrite(name: string, fd: number | null): boolean {
  return (name === 'write' || name === 'writev') && (fd === 1 || fd === 2);
}

const PREFIX = /^(?:\[pid\s+(\d+)\]\s+|(\d+)\s+(?=\d+\.\d+\s))?(\d+\.\d+)\s+(.*)$/;
const SIGNAL = /^--- (SIG\w+) (.*) ---$/;
const EXIT = /^\+\+\+ (?:exited with (-?\d+)|killed by (SIG\w+)( \(core dumped\))?) \+\+\+$/;
const UNFINISHED = /^(\w+)\((.*) <unfinished \.\.\.>$/;
const RESUMED = /^<\.\.\. (\w+) resumed>(.*)$/;
const CALL = /^(\w+)\((.*)$/;
const RESULT = /^(.*)\)\s+=\s+(.*?)(?:\s+<(\d+\.\d+)>)?$/;
const RETURN = /^(-?\d+|\?|0x[0-9a-f]+)(?:<(.*)>)?(?:\s+(E[A-Z0-9]+)\s+\((.*)\))?/;
const FD_ARG = /^(\d+)(?:<(.*?)>)?(?:,|$)/;

/** `TCP:[10.0.0.1:80->10.0.0.2:5555]`, `TCP:[127.0.0.1:39439]`, `TCP:[67504]`, `UDP:[…]`. */
export function parseSocketDecoration(decoration: string): StraceSocketInfo | null {
  const m = /^([A-Z][A-Za-z0-9-]*):\[(.*)\]$/.exec(decoration);
  if (!m || !/^(TCP|UDP|UNIX|RAW|PACKET|NETLINK|SCTP)/.test(m[1])) return null;
  const info: StraceSocketInfo = { protocol: m[1] };
  const body = m[2];
  if (/^\d+$/.test(body)) {
    info.inode = Number(body);
    return info;
  }
  const endpoint = (text: string): { addr: string; port: number } | undefined => {
    const e = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
    return e ? { addr: e[1], port: Number(e[2]) } : undefined;
  };
  const [local, remote] = body.split('->');
  const l = endpoint(local);
  if (l) info.local = l;
  const r = remote === undefined ? undefined : endpoint(remote);
  if (r) info.remote = r;
  return info;
}

interface Pending {
  name: string;
  tStartNs: bigint;
  argsPrefix: string;
}

export function parseStrace(text: string, options: StraceParseOptions = {}): StraceParseResult {
  const parser = new StraceParser(options);
  for (const line of text.split('\n')) parser.line(line);
  parser.end();
  return parser.result;
}

/**
 * parseStrace() one line at a time, for output still being written: `result` grows as lines
 * arrive. A call appears in `result.syscalls` when its line completes it (a complete line,
 * its resumption, its process's exit) or at end(), which closes what is still unfinished.
 */
export class StraceParser {
  readonly result: StraceParseResult = { syscalls: [], signals: [], exits: [], unparsed: [] };
  private readonly pending = new Map<number, Pending>();
  private readonly inetOnly: boolean;

  constructor(private readonly options: StraceParseOptions = {}) {
    this.inetOnly = options.inetSocketsOnly ?? true;
  }

  /** One line of output, without its newline. */
  line(line: string): void {
    const { result, pending } = this;
    if (line.trim() === '') return;
    const p = PREFIX.exec(line);
    if (!p) {
      result.unparsed.push(line);
      return;
    }
    const pid = Number(p[1] ?? p[2] ?? this.options.defaultPid ?? 0);
    const t = parseUnixStamp(p[3]);
    const body = p[4];
    let m: RegExpExecArray | null;
    if ((m = SIGNAL.exec(body))) {
      result.signals.push({ pid, tNs: t, signal: m[1], info: m[2] });
    } else if ((m = EXIT.exec(body))) {
      const open = pending.get(pid);
      if (open) this.finish(pid, open.tStartNs, null, open.name, null);
      pending.delete(pid);
      result.exits.push(
        m[1] !== undefined
          ? { pid, tNs: t, kind: 'exited', exitCode: Number(m[1]) }
          : { pid, tNs: t, kind: 'killed', signal: m[2], coreDumped: m[3] !== undefined },
      );
    } else if ((m = UNFINISHED.exec(body))) {
      pending.set(pid, { name: m[1], tStartNs: t, argsPrefix: m[2] });
    } else if ((m = RESUMED.exec(body))) {
      const open = pending.get(pid);
      pending.delete(pid);
      if (open && open.name === m[1]) {
        const joiner = open.argsPrefix.endsWith(',') ? ' ' : '';
        this.finish(pid, open.tStartNs, t, m[1], open.argsPrefix + joiner + m[2]);
      } else {
        this.finish(pid, t, t, m[1], m[2]);
      }
    } else if ((m = CALL.exec(body))) {
      const call = RESULT.exec(m[2]);
      const duration = call?.[3] ? parseUnixStamp(call[3]) : 0n;
      // A complete line is printed when the call returns: its start is the stamp, its end stamp + -T.
      this.finish(pid, t, t + duration, m[1], m[2]);
    } else {
      result.unparsed.push(line);
    }
  }

  /** The output is complete: calls still unfinished are kept with no end. */
  end(): void {
    for (const [pid, open] of this.pending) this.finish(pid, open.tStartNs, null, open.name, null);
    this.pending.clear();
  }

  private finish(
    pid: number,
    tStartNs: bigint,
    tEndNs: bigint | null,
    name: string,
    body: string | null,
  ): void {
    let args = body ?? '';
    let ret: string | null = null;
    let errno: string | null = null;
    let errnoText: string | null = null;
    let durationNs: number | null = null;
    let retDecoration: string | undefined;
    if (body !== null) {
      const r = RESULT.exec(body);
      if (r) {
        args = r[1];
        const v = RETURN.exec(r[2]);
        ret = v ? v[1] : r[2];
        retDecoration = v?.[2];
        errno = v?.[3] ?? null;
        errnoText = v?.[4] ?? null;
        if (r[3]) durationNs = Number(parseUnixStamp(r[3]));
      }
    }
    const fdMatch = FD_ARG.exec(args);
    const fd = fdMatch ? Number(fdMatch[1]) : null;
    const socket =
      (retDecoration ? parseSocketDecoration(retDecoration) : null) ??
      (fdMatch?.[2] ? parseSocketDecoration(fdMatch[2]) : null);
    if (
      this.inetOnly &&
      FD_GENERIC_SYSCALLS.has(name) &&
      !/^(TCP|UDP)/.test(socket?.protocol ?? '') &&
      !isStdioWrite(name, fd)
    ) {
      return;
    }
    this.result.syscalls.push({
      pid,
      tStartNs,
      tEndNs,
      name,
      args,
      fd,
      socket,
      ret,
      errno,
      errnoText,
      durationNs,
    });
  }
}
