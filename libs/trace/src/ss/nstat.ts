/**
 * `nstat -a -z -s` inside a netns: absolute SNMP/netstat counters of that namespace
 * (Tcp*, TcpExt*, Ip*, …), without touching nstat's history file (-s). A before/after diff
 * shows what a run did: TcpExtListenOverflows, TcpExtListenDrops, TcpExtTCPAbortOnData,
 * TcpExtTCPAbortOnClose, TcpAttemptFails, TcpEstabResets, TcpOutRsts, …
 */
import { TraceError } from '../errors';
import { inNetns, runCommand } from './ss-snapshot';

export type CounterSet = Record<string, number>;

export function parseNstatOutput(text: string): CounterSet {
  const counters: CounterSet = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^(\w+)\s+(\d+)/.exec(line);
    if (!m) throw new TraceError('trace/nstat-failed', `unexpected nstat line ${JSON.stringify(line)}`);
    counters[m[1]] = Number(m[2]);
  }
  return counters;
}

/** after − before for every counter that changed (counters absent before count from 0). */
export function diffCounters(before: CounterSet, after: CounterSet): CounterSet {
  const diff: CounterSet = {};
  for (const [name, value] of Object.entries(after)) {
    const delta = value - (before[name] ?? 0);
    if (delta !== 0) diff[name] = delta;
  }
  return diff;
}

export async function readNstat(netns: string | null): Promise<CounterSet> {
  const [file, args] = inNetns(netns, 'nstat', ['-a', '-z', '-s']);
  return parseNstatOutput(await runCommand(file, args, 'trace/nstat-failed'));
}
