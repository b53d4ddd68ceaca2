/**
 * Running a piece of synchronous code inside another network namespace, without a child
 * process: setns(2) moves only the calling thread (here Node's main thread) and the
 * thread moves back before the function returns. Sockets opened meanwhile (netlink,
 * sock_diag) stay in that namespace; /proc/self/net and /proc/sys/net show it meanwhile.
 *
 * Contract: `fn` must not await (code after an await would run in the runner's own
 * namespace, or worse, another callback would run in the lab's); a Promise result is
 * refused. Needs CAP_SYS_ADMIN (the runner is root).
 */
import { LabnetError } from '../errors';
import { CLONE_NEWNET, describeErrno, libc, O_CLOEXEC, O_RDONLY } from '../sys/libc';

/** A name under /run/netns (ip-netns(8)) or a path such as /proc/<pid>/ns/net. */
export function netnsFilePath(netns: string): string {
  return netns.includes('/') ? netns : `/run/netns/${netns}`;
}

/** Opens the namespace file read-only; the caller closes the fd. */
export function openNetns(netns: string): number {
  const c = libc();
  const path = netnsFilePath(netns);
  const fd = c.open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw new LabnetError(
      'labnet/netns-enter-failed',
      `Cannot open network namespace ${path}: ${describeErrno(c.errno())}.`,
    );
  }
  return fd;
}

export function inNetns<T>(netns: string, fn: () => T): T {
  const c = libc();
  const target = openNetns(netns);
  let own = -1;
  try {
    own = c.open('/proc/thread-self/ns/net', O_RDONLY | O_CLOEXEC);
    if (own < 0) {
      throw new LabnetError(
        'labnet/netns-enter-failed',
        `Cannot open this thread's network namespace: ${describeErrno(c.errno())}.`,
      );
    }
    if (c.setns(target, CLONE_NEWNET) !== 0) {
      throw new LabnetError(
        'labnet/netns-enter-failed',
        `setns() into ${netnsFilePath(netns)} failed: ${describeErrno(c.errno())}. The runner needs CAP_SYS_ADMIN.`,
      );
    }
    try {
      const result = fn();
      if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
        throw new LabnetError('labnet/invalid-config', 'inNetns() runs synchronous code only.');
      }
      return result;
    } finally {
      if (c.setns(own, CLONE_NEWNET) !== 0) {
        // Carrying on in a lab's namespace would send the runner's own traffic into the lab.
        process.abort();
      }
    }
  } finally {
    if (own >= 0) c.close(own);
    c.close(target);
  }
}
