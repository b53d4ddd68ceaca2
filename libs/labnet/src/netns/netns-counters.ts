/**
 * The SNMP/netstat counters of a network namespace — what `nstat -a -z -s` prints inside
 * it (iproute2 misc/nstat.c) — read from /proc/self/net/{snmp,netstat,snmp6} while this
 * thread is inside the namespace, instead of spawning `ip netns exec NS nstat`.
 *
 * Names are nstat's: a header/value line pair "Tcp: ActiveOpens …" / "Tcp: 3 …" gives
 * TcpActiveOpens; snmp6 lines are already "Ip6InReceives 0". Like nstat, the constants
 * and gauges among them (IpForwarding, IpDefaultTTL, TcpRtoAlgorithm, TcpRtoMin, TcpRtoMax,
 * TcpMaxConn, TcpCurrEstab) are left out: they are settings and levels, not counts.
 */
import { readFileSync } from 'node:fs';
import { inNetns } from './enter-netns';

export type NetnsCounters = Record<string, number>;

/** nstat.c's useless_number(): values that are configuration or levels, not events. */
const NOT_COUNTERS = new Set([
  'IpForwarding',
  'IpDefaultTTL',
  'TcpRtoAlgorithm',
  'TcpRtoMin',
  'TcpRtoMax',
  'TcpMaxConn',
  'TcpCurrEstab',
]);

export function readNetnsCounters(netns: string): NetnsCounters {
  const [snmp, netstat, snmp6] = inNetns(netns, () =>
    ['snmp', 'netstat', 'snmp6'].map((file) => readOptional(`/proc/self/net/${file}`)),
  );
  const counters: NetnsCounters = {};
  for (const text of [snmp, netstat]) Object.assign(counters, parseHeaderValueTable(text));
  Object.assign(counters, parseNameValueLines(snmp6));
  for (const name of NOT_COUNTERS) delete counters[name];
  return counters;
}

/** "Prefix: A B C" followed by "Prefix: 1 2 3" → { PrefixA: 1, PrefixB: 2, PrefixC: 3 }. */
export function parseHeaderValueTable(text: string): NetnsCounters {
  const counters: NetnsCounters = {};
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i].split(/\s+/).filter(Boolean);
    const values = lines[i + 1].split(/\s+/).filter(Boolean);
    const prefix = names[0]?.replace(/:$/, '');
    if (!prefix || values[0] !== names[0]) continue;
    for (let k = 1; k < names.length && k < values.length; k++)
      counters[`${prefix}${names[k]}`] = Number(values[k]);
  }
  return counters;
}

function parseNameValueLines(text: string): NetnsCounters {
  const counters: NetnsCounters = {};
  for (const line of text.split('\n')) {
    const match = /^(\w+)\s+(\d+)$/.exec(line.trim());
    if (match) counters[match[1]] = Number(match[2]);
  }
  return counters;
}

/** snmp6 is absent when IPv6 is disabled. */
function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
