import type { PathElement } from '@socklab/exercise';
import type { TcpStateName } from '../evaluation/state-history';
import { observedReadings, pathMatches } from './path-match';

const path = (...text: string[]): PathElement[] =>
  text.map((entry) =>
    entry === '*'
      ? { kind: 'any' }
      : { kind: 'state', state: entry.replace('?', '') as TcpStateName, optional: entry.endsWith('?') },
  );
const matches = (elements: PathElement[], observed: TcpStateName[], connection = true) =>
  observedReadings(observed, connection).some((reading) => pathMatches(elements, reading));

describe('path matching', () => {
  const serverClose = path('SYN_RECEIVED?', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED');

  it('anchors at both ends', () => {
    expect(matches(serverClose, ['SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED'])).toBe(
      true,
    );
    expect(matches(serverClose, ['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED'])).toBe(true);
    expect(matches(serverClose, ['SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT'])).toBe(false);
    expect(matches(serverClose, ['ESTABLISHED', 'CLOSED'])).toBe(false);
  });

  it('leaves out the LISTEN or CLOSED a connection socket was observed in before its connection', () => {
    expect(
      matches(serverClose, ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']),
    ).toBe(true);
    expect(matches(path('LISTEN', 'CLOSED'), ['LISTEN', 'CLOSED'], false)).toBe(true);
    expect(matches(path('CLOSED'), ['LISTEN', 'CLOSED'], false)).toBe(false);
  });

  it('lets * take any states, including none', () => {
    const clientPath = path('SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', '*');
    expect(
      matches(clientPath, ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']),
    ).toBe(true);
    expect(matches(path('*', 'CLOSE_WAIT', '*'), ['ESTABLISHED', 'CLOSED'])).toBe(false);
  });

  it('treats an ending in TIME_WAIT as an ending in TIME_WAIT → CLOSED and back', () => {
    expect(
      matches(path('FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED'), [
        'FIN_WAIT_1',
        'FIN_WAIT_2',
        'TIME_WAIT',
      ]),
    ).toBe(true);
    expect(
      matches(path('FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'), [
        'FIN_WAIT_1',
        'FIN_WAIT_2',
        'TIME_WAIT',
        'CLOSED',
      ]),
    ).toBe(true);
    expect(
      matches(path('FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED'), ['FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']),
    ).toBe(false);
  });
});
