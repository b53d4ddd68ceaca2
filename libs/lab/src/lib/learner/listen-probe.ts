/**
 * Readiness by observation: is there a LISTEN socket on `port` in the network namespace
 * of process `pid`? /proc/<pid>/net/tcp{,6} show the sockets of the namespace the process
 * lives in (proc(5)); state 0A is TCP_LISTEN. Reading it costs microseconds, so it can be
 * polled every few milliseconds without spawning anything.
 */
import { readFile } from 'node:fs/promises';

const TCP_LISTEN = '0A';

export async function hasListener(pid: number, port: number): Promise<boolean> {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = await readFile(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue; // the process is gone, or the kernel has no IPv6
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4) continue;
      if (fields[3] === TCP_LISTEN && fields[1].endsWith(`:${portHex}`)) return true;
    }
  }
  return false;
}
