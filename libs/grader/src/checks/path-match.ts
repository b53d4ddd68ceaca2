/**
 * Matching a socket's observed states against a spec path, anchored at both ends: the
 * path must account for every observed state from the first to the last.
 * Elements: a state (must occur once, here), `STATE?` (may occur once, here), `*` (any
 * states, possibly none). Two allowances for what a trace can show:
 *  - Before its connection begins, a socket may be observed as CLOSED (an active opener
 *    before connect()) or LISTEN (the listener an accepted socket came from). For accepted
 *    and connected sockets these leading states may be left out of the comparison.
 *  - TIME_WAIT lasts 2×MSL (60 s on Linux), longer than any run: a path that ends in
 *    TIME_WAIT also counts as ending in TIME_WAIT → CLOSED, and the other way round.
 */
import type { PathElement } from '@socklab/exercise';
import type { TcpStateName } from '../evaluation/state-history';

export function pathMatches(elements: readonly PathElement[], states: readonly TcpStateName[]): boolean {
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = i * (states.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === elements.length) {
      result = j === states.length;
    } else {
      const element = elements[i];
      if (element.kind === 'any') {
        result = match(i + 1, j) || (j < states.length && match(i, j + 1));
      } else {
        result =
          (element.optional && match(i + 1, j)) ||
          (j < states.length && states[j] === element.state && match(i + 1, j + 1));
      }
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** The readings of an observed path that the allowances above permit. */
export function observedReadings(
  states: readonly TcpStateName[],
  connectionSocket: boolean,
): TcpStateName[][] {
  const readings: TcpStateName[][] = [[...states]];
  if (connectionSocket) {
    let start = 0;
    while (start < states.length - 1 && (states[start] === 'CLOSED' || states[start] === 'LISTEN')) start++;
    if (start > 0) readings.push(states.slice(start));
  }
  for (const reading of [...readings]) {
    const last = reading[reading.length - 1];
    if (last === 'TIME_WAIT') readings.push([...reading, 'CLOSED']);
    if (last === 'CLOSED' && reading[reading.length - 2] === 'TIME_WAIT') readings.push(reading.slice(0, -1));
  }
  return readings;
}

/** "SYN_RECEIVED (if it occurs) → ESTABLISHED → CLOSE_WAIT". */
export function describePath(elements: readonly PathElement[]): string {
  return elements
    .map((element) => {
      if (element.kind === 'any') return '(any states)';
      return element.optional ? `${element.state} (if it occurs)` : element.state;
    })
    .join(' → ');
}
