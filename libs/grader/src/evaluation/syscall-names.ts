/**
 * Which traced system calls a spec's call name stands for. A learner's program does the
 * same thing through different calls depending on language and libc: C's read() is
 * read(2), Python's sock.recv() is recvfrom(2); glibc may accept with accept4(2). So the
 * generic names stand for their whole family, and the specific names for themselves:
 *  - accept: accept, accept4
 *  - read, recv: read, readv, recv, recvfrom, recvmsg (on a socket)
 *  - write, send: write, writev, send, sendto, sendmsg (on a socket)
 *  - poll: poll, ppoll; select: select, pselect6, _newselect; epoll_wait: epoll_wait, epoll_pwait(2)
 * For the read and write families, calls on fds 0–2 that strace did not show as sockets
 * are terminal I/O, not socket I/O, and are left out.
 */
import type { TraceSyscall } from '@socklab/trace';

const RECEIVE = ['read', 'readv', 'recv', 'recvfrom', 'recvmsg'];
const SEND = ['write', 'writev', 'send', 'sendto', 'sendmsg'];

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  accept: ['accept', 'accept4'],
  read: RECEIVE,
  recv: RECEIVE,
  write: SEND,
  send: SEND,
  poll: ['poll', 'ppoll'],
  select: ['select', 'pselect6', '_newselect'],
  epoll_wait: ['epoll_wait', 'epoll_pwait', 'epoll_pwait2'],
};

const STREAM_IO = new Set([...RECEIVE, ...SEND]);

export function syscallNames(name: string): readonly string[] {
  return FAMILIES[name] ?? [name];
}

export function callMatchesName(call: TraceSyscall, name: string): boolean {
  if (!syscallNames(name).includes(call.name)) return false;
  if (STREAM_IO.has(call.name) && call.fd !== null && call.fd <= 2 && call.socket === null) return false;
  return true;
}

/** "write(4) = -1 EPIPE at t=412.0 ms" without the time, for step logs. */
export function describeCall(call: TraceSyscall): string {
  const fd = call.fd === null ? '' : String(call.fd);
  const result = call.errno ? `-1 ${call.errno}` : (call.ret ?? 'no return');
  return `${call.name}(${fd}) = ${result}`;
}
