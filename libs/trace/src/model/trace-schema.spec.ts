import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceJsonSchema } from './json-schema';
import { tcpStateFromKernelName, tcpStateFromKernelNumber } from './tcp-state';
import { traceSchema } from './trace-schema';

describe('trace.json schema', () => {
  it('the committed JSON Schema is the one the zod model generates (run scripts/write-schema.ts)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'trace.schema.json'), 'utf8');
    // Compared as JSON, so the repository's formatter may lay the file out as it likes.
    expect(JSON.parse(committed)).toEqual(traceJsonSchema());
  });

  it('rejects states outside the RFC 9293 vocabulary and unlabelled sources', () => {
    const base = {
      version: 1,
      clock: { source: 'CLOCK_MONOTONIC', originNs: '123' },
      sources: [],
      hosts: [],
      tcpEvents: [],
      packets: [],
      syscalls: [],
      processEvents: [],
      steps: [],
      counters: [],
    };
    const endpoint = (state: string, source: string) => ({
      hostId: null,
      local: { addr: '10.202.0.1', port: 1 },
      states: [{ t: 0, state, source }],
    });
    const withState = (state: string, source = 'kernel') => ({
      ...base,
      connections: [{ id: 'c', endpoints: [endpoint(state, source), endpoint('LISTEN', 'inferred')] }],
    });
    expect(traceSchema.safeParse(withState('FIN_WAIT_1')).success).toBe(true);
    expect(traceSchema.safeParse(withState('FIN_WAIT1')).success).toBe(false);
    expect(traceSchema.safeParse(withState('ESTABLISHED', 'guess')).success).toBe(false);
  });
});

describe('kernel state names', () => {
  it('maps include/net/tcp_states.h numbers onto RFC 9293 names', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(tcpStateFromKernelNumber)).toEqual([
      'ESTABLISHED',
      'SYN_SENT',
      'SYN_RECEIVED',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'TIME_WAIT',
      'CLOSED',
      'CLOSE_WAIT',
      'LAST_ACK',
      'LISTEN',
      'CLOSING',
      'SYN_RECEIVED',
    ]);
    expect(tcpStateFromKernelNumber(99)).toBeUndefined();
  });

  it('maps tracepoint and ss spellings', () => {
    expect(
      ['TCP_NEW_SYN_RECV', 'ESTAB', 'FIN-WAIT-2', 'UNCONN', 'close_wait'].map(tcpStateFromKernelName),
    ).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_2', 'CLOSED', 'CLOSE_WAIT']);
  });
});
