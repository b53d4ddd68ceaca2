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
