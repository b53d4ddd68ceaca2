import { traceSchema, type Trace, type TracePacket } from '@socklab/trace';

const CLIENT = { addr: '10.0.0.2', port: 40000 };
const SERVER = { addr: '10.0.0.1', port: 7000 };
const REFUSED_CLIENT = { addr: '10.0.0.2', port: 40002 };
const CLOSED_PORT = { addr: '10.0.0.1', port: 7001 };
export const ECHO_CONNECTION = '10.0.0.2:40000-10.0.0.1:7000';
export const REFUSED_CONNECTION = '10.0.0.2:40002-10.0.0.1:7001';

const ms = (n: number) => n * 1_000_000;
let index = 0;
function segment(
  t: number,
  fromClient: boolean,
  flags: string,
  seq: number,
  ack: number | null,
  len: number,
  extra: Partial<TracePacket> = {},
  connectionId = ECHO_CONNECTION,
  [client, server] = [CLIENT, SERVER],
): TracePacket {
  return {
    index: index++,
    t: ms(t),
    link: 'sw0-p1',
    // The learner's own frames enter the switch on its port; the peer's leave toward it.
    direction: fromClient ? 'in' : 'out',
    connectionId,
    src: fromClient ? client : server,
    dst: fromClient ? server : client,
    flags,
    seq,
    ack,
    len,
    window: 64240,
    ...extra,
  };
}

/**
 * A learner client against a half-closing echo peer: handshake, 5 bytes out (the first
 * copy dropped by the lab network, then retransmitted), 5 bytes echoed, the client's FIN,
 * the peer's FIN; then a second connect() to a closed port, refused with RST. Validated
 * against trace.json's schema.
 */
export function echoTrace(): Trace {
  index = 0;
  const packets = [
    segment(1, true, 'S', 0, null, 0),
    segment(2, false, 'S.', 0, 1, 0),
    segment(3, true, '.', 1, 1, 0),
    segment(4, true, 'P.', 1, 1, 5, { impairment: { action: 'drop', rule: 'drop-nth' } }),
    segment(204, true, 'P.', 1, 1, 5),
    segment(205, false, '.', 1, 6, 0),
    segment(206, false, 'P.', 1, 6, 5),
    segment(207, true, 'F.', 6, 6, 0),
    segment(208, false, 'F.', 6, 7, 0),
    segment(209, true, '.', 7, 7, 0),
    segment(300, true, 'S', 0, null, 0, {}, REFUSED_CONNECTION, [REFUSED_CLIENT, CLOSED_PORT]),
    segment(301, false, 'R.', 0, 1, 0, {}, REFUSED_CONNECTION, [REFUSED_CLIENT, CLOSED_PORT]),
  ];
  const states = (entries: [number, string, 'kernel' | 'netstack' | 'inferred', string?][]) =>
    entries.map(([t, state, source, cause]) => ({ t: ms(t), state, source, ...(cause ? { cause } : {}) }));
  return traceSchema.parse({
    version: 1,
    clock: { source: 'CLOCK_MONOTONIC', originNs: '123456789000' },
    sources: [{ source: 'kernel', status: 'ok' }],
    hosts: [
      { id: 'client', role: 'learner', name: 'client', addresses: ['10.0.0.2'] },
      { id: 'server', role: 'peer', name: 'server', addresses: ['10.0.0.1'] },
    ],
    connections: [
      {
        id: ECHO_CONNECTION,
        endpoints: [
          {
            hostId: 'client',
            local: CLIENT,
            states: states([
              [1, 'SYN_SENT', 'kernel', 'connect()'],
              [1, 'SYN_SENT', 'inferred'],
              [2, 'ESTABLISHED', 'kernel'],
              [207, 'FIN_WAIT_1', 'kernel', 'shutdown(SHUT_WR)'],
              [208, 'TIME_WAIT', 'kernel'],
            ]),
          },
          {
            hostId: 'server',
            local: SERVER,
            states: states([
              [0, 'LISTEN', 'netstack'],
              [1, 'SYN_RECEIVED', 'netstack'],
              [3, 'ESTABLISHED', 'netstack'],
              [207, 'CLOSE_WAIT', 'netstack'],
              [208, 'LAST_ACK', 'netstack'],
              [209, 'CLOSED', 'netstack'],
            ]),
          },
        ],
      },
      {
        id: REFUSED_CONNECTION,
        endpoints: [
          { hostId: 'client', local: REFUSED_CLIENT, states: states([[300, 'SYN_SENT', 'kernel']]) },
          { hostId: 'server', local: CLOSED_PORT, states: [] },
        ],
      },
    ],
    tcpEvents: [],
    packets,
    syscalls: [
      {
        pid: 42,
        tStart: ms(1),
        tEnd: ms(2),
        name: 'connect',
        fd: 3,
        socket: { protocol: 'TCP', remote: SERVER },
        args: '3, {sa_family=AF_INET, sin_port=htons(7000), sin_addr=inet_addr("10.0.0.1")}, 16',
        ret: '0',
        errno: null,
        errnoText: null,
        durationNs: ms(1),
      },
      {
        pid: 42,
        tStart: ms(207),
        tEnd: ms(207),
        name: 'shutdown',
        fd: 3,
        socket: { protocol: 'TCP', local: CLIENT, remote: SERVER },
        args: '3, SHUT_WR',
        ret: '0',
        errno: null,
        errnoText: null,
        durationNs: 0,
      },
      {
        pid: 42,
        tStart: ms(300),
        tEnd: ms(301),
        name: 'connect',
        fd: 4,
        socket: { protocol: 'TCP', remote: CLOSED_PORT },
        args: '4, {…}, 16',
        ret: '-1',
        errno: 'ECONNREFUSED',
        errnoText: 'Connection refused',
        durationNs: ms(1),
      },
    ],
    processEvents: [],
    steps: [],
    counters: [],
  });
}
