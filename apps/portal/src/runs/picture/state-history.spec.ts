import type { StateRecord, StateSource, TcpStateName } from './picture';
import { preferredStates } from './state-history';

const obs = (order: number, endpoint: string, state: TcpStateName, source: StateSource): StateRecord => ({
  order,
  timeMs: order / 1000,
  connectionId: 'c',
  endpoint,
  state,
  source,
});

describe('preferredStates', () => {
  it('keeps the most exact source of each socket and drops the others’ duplicates', () => {
    const states = [
      obs(1, 'A', 'SYN_SENT', 'kernel'),
      obs(1, 'A', 'SYN_SENT', 'inferred'),
      obs(5, 'A', 'ESTABLISHED', 'inferred'),
      obs(4, 'A', 'ESTABLISHED', 'kernel'),
      obs(3, 'B', 'SYN_RECEIVED', 'netstack'),
      obs(3, 'B', 'SYN_RECEIVED', 'inferred'),
      obs(6, 'B', 'ESTABLISHED', 'netstack'),
    ];
    expect(preferredStates(states).map((s) => `${s.endpoint} ${s.state} ${s.source}`)).toEqual([
      'A SYN_SENT kernel',
      'B SYN_RECEIVED netstack',
      'A ESTABLISHED kernel',
      'B ESTABLISHED netstack',
    ]);
  });

  it('adds the states the primary source cannot see, after its last observation (TIME_WAIT)', () => {
    const states = [
      obs(1, 'A', 'FIN_WAIT_1', 'kernel'),
      obs(2, 'A', 'FIN_WAIT_2', 'kernel'),
      obs(2, 'A', 'FIN_WAIT_2', 'inferred'),
      obs(3, 'A', 'TIME_WAIT', 'inferred'),
      obs(9, 'A', 'TIME_WAIT', 'ss'),
    ];
    expect(preferredStates(states).map((s) => `${s.state} ${s.source}`)).toEqual([
      'FIN_WAIT_1 kernel',
      'FIN_WAIT_2 kernel',
      'TIME_WAIT inferred',
    ]);
  });

  it('falls back to inference, then snapshots, and never repeats a state', () => {
    const states = [
      obs(1, 'A', 'ESTABLISHED', 'ss'),
      obs(2, 'A', 'ESTABLISHED', 'inferred'),
      obs(3, 'A', 'ESTABLISHED', 'inferred'),
      obs(4, 'A', 'CLOSE_WAIT', 'inferred'),
    ];
    expect(preferredStates(states).map((s) => `${s.state} ${s.source}`)).toEqual([
      'ESTABLISHED inferred',
      'CLOSE_WAIT inferred',
    ]);
  });
});
