/**
 * A trace.json document in libs/trace's format (TRACE_FORMAT_VERSION 1), hand-written
 * after a half-close-echo run: the peer "client" (10.9.0.3) connects to the learner's
 * "server" (10.9.0.2:5000), sends 6 bytes, half-closes; the server echoes, sends its
 * summary, closes. Times are nanoseconds.
 */
const client = { addr: '10.9.0.3', port: 40001 };
const server = { addr: '10.9.0.2', port: 5000 };
const CONN = '10.9.0.3:40001-10.9.0.2:5000';

const packet = (
  index: number,
  t: number,
  from: 'client' | 'server',
  flags: string,
  seq: number,
  ack: number | null,
  len: number,
  direction: 'in' | 'out',
  impairment?: { action: string; rule?: string },
) => ({
  index,
  t,
  link: 'server',
  direction,
  connectionId: CONN,
  src: from === 'client' ? client : server,
  dst: from === 'client' ? server : client,
  flags,
  seq,
  ack,
  len,
  window: 64240,
  ...(impairment ? { impairment } : {}),
});

const s = (t: number, state: string, source: string, cause?: string) => ({ t, state, source, ...(cause ? { cause } : {}) });

export const halfCloseTrace = {
  version: 1,
  clock: { source: 'CLOCK_MONOTONIC', originNs: '81234000000000' },
  sources: [{ source: 'kernel', status: 'ok' }],
  hosts: [
    { id: 'server', role: 'learner', name: 'server', addresses: ['10.9.0.2'] },
    { id: 'client', role: 'peer', name: 'client', addresses: ['10.9.0.3'] },
  ],
  connections: [
    {
      id: CONN,
      endpoints: [
        {
          hostId: 'client',
          local: client,
          states: [
            s(1_000_000, 'SYN_SENT', 'netstack'),
            s(1_000_000, 'SYN_SENT', 'inferred', 'snd SYN (connect)'),
            s(1_300_000, 'ESTABLISHED', 'netstack'),
            s(5_000_000, 'FIN_WAIT_1', 'netstack'),
            s(5_100_000, 'FIN_WAIT_2', 'netstack'),
            s(9_000_000, 'TIME_WAIT', 'netstack'),
          ],
        },
        {
          hostId: 'server',
          local: server,
          states: [
            s(1_100_000, 'SYN_RECEIVED', 'kernel', 'tcp_set_state TCP_LISTEN→TCP_SYN_RECV'),
            s(1_400_000, 'ESTABLISHED', 'kernel'),
            s(5_050_000, 'CLOSE_WAIT', 'kernel'),
            s(8_000_000, 'LAST_ACK', 'kernel'),
            s(9_050_000, 'CLOSED', 'kernel'),
          ],
        },
      ],
    },
  ],
  tcpEvents: [],
  packets: [
    packet(0, 1_050_000, 'client', 'S', 0, null, 0, 'out'),
    packet(1, 1_200_000, 'server', 'S.', 0, 1, 0, 'in'),
    packet(2, 1_350_000, 'client', '.', 1, 1, 0, 'out'),
    packet(3, 2_000_000, 'client', 'P.', 1, 1, 6, 'out'),
    packet(4, 2_500_000, 'server', 'P.', 1, 7, 6, 'in'),
    packet(5, 5_000_000, 'client', 'F.', 7, 7, 0, 'out'),
    packet(6, 7_000_000, 'server', 'P.', 7, 8, 8, 'in'),
    packet(7, 8_000_000, 'server', 'F.', 15, 8, 0, 'in', { action: 'drop', rule: 'drop-server-fin' }),
    packet(8, 8_500_000, 'server', 'F.', 15, 8, 0, 'in'),
    packet(9, 9_000_000, 'client', '.', 8, 16, 0, 'out'),
  ],
  syscalls: [
    {
      pid: 42,
      tStart: 1_500_000,
      tEnd: 1_600_000,
      name: 'accept4',
      fd: 3,
      socket: { protocol: 'TCP', local: server, remote: client },
      args: '3, {sa_family=AF_INET, sin_port=htons(40001), sin_addr=inet_addr("10.9.0.3")}, [16], 0',
      ret: '4',
      errno: null,
      errnoText: null,
      durationNs: 100_000,
    },
    {
      pid: 42,
      tStart: 5_060_000,
      tEnd: 5_070_000,
      name: 'read',
      fd: 4,
      socket: { protocol: 'TCP', local: server, remote: client },
      args: '4, "", 4096',
      ret: '0',
      errno: null,
      errnoText: null,
      durationNs: 10_000,
    },
    {
      pid: 42,
      tStart: 7_900_000,
      tEnd: 8_000_000,
      name: 'close',
      fd: 4,
      socket: { protocol: 'TCP', local: server, remote: client },
      args: '4',
      ret: '0',
      errno: null,
      errnoText: null,
      durationNs: 100_000,
    },
  ],
  processEvents: [],
  steps: [],
  counters: [],
};

export const HALF_CLOSE_CONN = CONN;
