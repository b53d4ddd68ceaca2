import type { StateObservation } from '@socklab/trace';
import { mergeStateHistory } from './state-history';

const observe = (
  source: StateObservation['source'],
  path: Array<[number, StateObservation['state']]>,
): StateObservation[] => path.map(([t, state]) => ({ t, state, source }));
const states = (observations: StateObservation[]) =>
  mergeStateHistory(observations).map((step) => step.state);

describe('mergeStateHistory', () => {
  it('follows the kernel and does not interleave a capture that saw the same transitions earlier', () => {
    const merged = states([
      ...observe('kernel', [
        [10, 'ESTABLISHED'],
        [31, 'CLOSE_WAIT'],
        [40, 'LAST_ACK'],
        [52, 'CLOSED'],
      ]),
      ...observe('inferred', [
        [9, 'ESTABLISHED'],
        [30, 'CLOSE_WAIT'],
        [41, 'LAST_ACK'],
        [50, 'CLOSED'],
      ]),
    ]);
    expect(merged).toEqual(['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('continues a path the kernel stopped reporting with the next source, from the same state', () => {
    const merged = states([
      ...observe('kernel', [
        [10, 'ESTABLISHED'],
        [31, 'CLOSE_WAIT'],
      ]),
      ...observe('inferred', [
        [9, 'ESTABLISHED'],
        [30, 'CLOSE_WAIT'],
        [41, 'LAST_ACK'],
        [50, 'CLOSED'],
      ]),
    ]);
    expect(merged).toEqual(['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('reads the kernel CLOSED after FIN_WAIT_2 as TIME_WAIT when another source ends there', () => {
    const merged = states([
      ...observe('kernel', [
        [1, 'FIN_WAIT_1'],
        [2, 'FIN_WAIT_2'],
        [4, 'CLOSED'],
      ]),
      ...observe('ss', [[300, 'TIME_WAIT']]),
    ]);
    expect(merged).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
  });

  it('keeps the kernel CLOSED after FIN_WAIT_2 when the "TIME_WAIT" another source saw ended (an orphan’s RST)', () => {
    // A close()d client in FIN_WAIT_2 receives the server's reply and answers with RST: the
    // capture saw the server's FIN (TIME_WAIT) and then the client's RST (CLOSED).
    const merged = states([
      ...observe('kernel', [
        [1, 'FIN_WAIT_1'],
        [2, 'FIN_WAIT_2'],
        [2, 'CLOSED'],
      ]),
      ...observe('inferred', [
        [1, 'FIN_WAIT_1'],
        [2, 'FIN_WAIT_2'],
        [3, 'TIME_WAIT'],
        [9, 'CLOSED'],
      ]),
    ]);
    expect(merged).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED']);
  });

  it('keeps the kernel CLOSED after FIN_WAIT_2 when no source saw TIME_WAIT', () => {
    const merged = states(
      observe('kernel', [
        [1, 'FIN_WAIT_1'],
        [2, 'FIN_WAIT_2'],
        [3, 'CLOSED'],
      ]),
    );
    expect(merged).toEqual(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED']);
  });
});
