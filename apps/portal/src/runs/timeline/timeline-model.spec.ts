import type { ScenarioPicture, StateRecord, SyscallRecord, TcpStateName } from '../picture/picture';
import { buildTimelines } from './timeline-model';

const SERVER = '10.0.0.2:5000';
const CLIENT = '10.0.0.3:40000';

const state = (timeMs: number, endpoint: string, s: TcpStateName): StateRecord => ({
  order: timeMs,
  timeMs,
  connectionId: 'c1',
  endpoint,
  state: s,
  source: endpoint === SERVER ? 'kernel' : 'netstack',
});
const call = (name: string, startMs: number, endMs: number | null, extra: Partial<SyscallRecord> = {}): SyscallRecord => ({
  order: startMs,
  pid: 7,
  name,
  args: '',
  ret: '0',
  errno: null,
  startMs,
  endMs,
  local: SERVER,
  remote: CLIENT,
  ...extra,
});

function picture(states: StateRecord[], syscalls: SyscallRecord[]): ScenarioPicture {
  return {
    id: 's',
    title: null,
    connections: [{ id: 'c1', endpoints: [CLIENT, SERVER] }],
    segments: [],
    states,
    syscalls,
    hosts: {},
  };
}

describe('buildTimelines', () => {
  it('gives each socket one lane per state it visited, in the order of a connection’s life', () => {
    const timelines = buildTimelines(
      picture(
        [
          state(1, SERVER, 'SYN_RECEIVED'),
          state(2, SERVER, 'ESTABLISHED'),
          state(10, SERVER, 'CLOSE_WAIT'),
          state(15, SERVER, 'LAST_ACK'),
          state(16, SERVER, 'CLOSED'),
          state(0.5, CLIENT, 'SYN_SENT'),
          state(1.5, CLIENT, 'ESTABLISHED'),
          state(20, CLIENT, 'FIN_WAIT_1'),
        ],
        [],
      ),
    );
    expect(timelines).toMatchObject({ startMs: 0.5, endMs: 20 });
    const server = timelines.sockets.find((s) => s.endpoint === SERVER);
    expect(server?.remote).toBe(CLIENT);
    expect(server?.lanes).toEqual([
      { state: 'SYN_RECEIVED', intervals: [{ startMs: 1, endMs: 2, open: false }] },
      { state: 'ESTABLISHED', intervals: [{ startMs: 2, endMs: 10, open: false }] },
      { state: 'CLOSE_WAIT', intervals: [{ startMs: 10, endMs: 15, open: false }] },
      { state: 'LAST_ACK', intervals: [{ startMs: 15, endMs: 16, open: false }] },
      { state: 'CLOSED', intervals: [{ startMs: 16, endMs: 20, open: true }] },
    ]);
    const client = timelines.sockets.find((s) => s.endpoint === CLIENT);
    expect(client?.lanes.map((l) => l.state)).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1']);
    expect(client?.lanes[1].intervals).toEqual([{ startMs: 1.5, endMs: 20, open: false }]);
    expect(client?.lanes[2].intervals).toEqual([{ startMs: 20, endMs: 20, open: true }]);
  });

  it('aligns the socket’s calls from call to return, failed ones with their errno', () => {
    const timelines = buildTimelines(
      picture(
        [state(1, SERVER, 'ESTABLISHED')],
        [
          call('read', 3, 9),
          call('write', 11, 11.2, { ret: '-1', errno: 'EPIPE' }),
          call('close', 12, null, { ret: null }),
          call('connect', 4, 5, { local: undefined, remote: SERVER }),
          call('read', 3, 4, { local: '10.0.0.2:6000' }),
          call('write', 3, 4, { startMs: null }),
        ],
      ),
    );
    const server = timelines.sockets.find((s) => s.endpoint === SERVER);
    expect(server?.calls).toEqual([
      { name: 'read', startMs: 3, endMs: 9, failed: false, label: 'read() = 0' },
      { name: 'write', startMs: 11, endMs: 11.2, failed: true, label: 'write() = -1 EPIPE' },
      { name: 'close', startMs: 12, endMs: null, failed: false, label: 'close() = ?' },
    ]);
    // connect() before the socket had a local address: matched by the peer it named.
    expect(timelines.sockets.find((s) => s.endpoint === CLIENT)?.calls.map((c) => c.label)).toEqual([
      'connect() = 0',
    ]);
    expect(timelines.endMs).toBe(12);
  });
});
