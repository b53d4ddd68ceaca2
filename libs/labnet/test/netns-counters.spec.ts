/**
 * Real test (root): a namespace's counters read in-process are exactly what
 * `nstat -a -z -s` prints inside it, after some traffic (ICMP and TCP over loopback).
 */
import { readNetnsCounters } from '../src';
import { namespaceForTests, runningAsRoot } from './helpers/lab-resources';

const PREFIX = 'slq-ct';
const describeAsRoot = runningAsRoot ? describe : describe.skip;

function parseNstat(text: string): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [, name, value] of text.matchAll(/^(\w+)\s+(\d+)/gm)) counters[name ?? ''] = Number(value);
  return counters;
}

describeAsRoot('readNetnsCounters', () => {
  const namespace = namespaceForTests(PREFIX);

  it('equals nstat -a -z -s in the namespace', async () => {
    const ns = namespace();
    await ns.exec('ping', ['-c', '2', '-i', '0.2', '127.0.0.1']);
    // A refused TCP connection: TcpActiveOpens, TcpAttemptFails, TcpOutRsts move.
    await ns.exec('python3', [
      '-c',
      'import socket\ntry: socket.create_connection(("127.0.0.1", 9))\nexcept OSError: pass',
    ]);
    const nstat = parseNstat((await ns.exec('nstat', ['-a', '-z', '-s'])).stdout);
    const counters = readNetnsCounters(ns.name);
    expect(counters).toEqual(nstat);
    expect(counters['IcmpInEchos']).toBe(2);
    expect(counters['TcpAttemptFails']).toBe(1);
  });
});
