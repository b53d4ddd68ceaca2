/**
 * Listening sockets as the program's system calls show them. The merged trace describes
 * connections (a listener has no peer, so kernel histories and ss rows skip it); a socket
 * that listen() succeeded on is LISTEN from that call's return until close() on its fd
 * or the end of the process (not when the lab stopped the process: see program-view.ts).
 */
import type { TraceSyscall } from '@socklab/trace';
import type { ScenarioContext } from './scenario-context';
import type { StateStep } from './state-history';

export interface SyscallListener {
  pid: number;
  fd: number;
  port: number | null;
  history: StateStep[];
}

/** The port of bind()'s sockaddr: sin_port, or sin6_port for a dual-stack socket (Java's). */
const BOUND_PORT = /sin6?_port=htons\((\d+)\)/;

export function listenersFromSyscalls(context: ScenarioContext, host: string): SyscallListener[] {
  const pids = context.pidsOf(host);
  const calls = context.trace.syscalls
    .filter((call) => pids.has(call.pid) && call.fd !== null)
    .sort((a, b) => a.tStart - b.tStart);
  const boundPort = new Map<string, number>();
  const open = new Map<string, SyscallListener>();
  const listeners: SyscallListener[] = [];
  for (const call of calls) {
    const key = `${call.pid}/${call.fd}`;
    if (!succeeded(call)) continue;
    if (call.name === 'bind') {
      const port = call.socket?.local?.port ?? Number(BOUND_PORT.exec(call.args)?.[1] ?? NaN);
      if (Number.isInteger(port)) boundPort.set(key, port);
    } else if (call.name === 'listen' && !open.has(key)) {
      const listener: SyscallListener = {
        pid: call.pid,
        fd: call.fd as number,
        port: call.socket?.local?.port ?? boundPort.get(key) ?? null,
        history: [{ state: 'LISTEN', t: call.tEnd ?? call.tStart, source: 'inferred' }],
      };
      open.set(key, listener);
      listeners.push(listener);
    } else if (call.name === 'close') {
      const listener = open.get(key);
      if (listener)
        listener.history.push({ state: 'CLOSED', t: call.tEnd ?? call.tStart, source: 'inferred' });
      open.delete(key);
      boundPort.delete(key);
    }
  }
  for (const listener of open.values()) {
    const end = processEnd(context, listener.pid);
    if (end !== null) listener.history.push({ state: 'CLOSED', t: end, source: 'inferred' });
  }
  return listeners;
}

function succeeded(call: TraceSyscall): boolean {
  return call.errno === null && call.ret !== null && call.ret !== '?' && Number(call.ret) >= 0;
}

function processEnd(context: ScenarioContext, pid: number): number | null {
  const event = context.trace.processEvents.find(
    (e) => e.pid === pid && (e.kind === 'exit' || e.kind === 'killed'),
  );
  if (event) return event.t;
  const run = context.evidence.processes.find((candidate) => candidate.pid === pid);
  return run?.stoppedByLabAt === null ? run.exitedAt : null;
}
