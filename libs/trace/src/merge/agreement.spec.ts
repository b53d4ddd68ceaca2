import { computeAgreement } from './agreement';
import type { StateObservation } from '../model/trace-schema';

const path = (source: StateObservation['source'], states: string[], t0 = 0): StateObservation[] =>
  states.map((state, i) => ({ t: t0 + i * 10, state: state as StateObservation['state'], source }));

describe('computeAgreement', () => {
  it('treats the kernel CLOSE of a timewait handover as agreeing with an inferred TIME_WAIT', () => {
    const a = computeAgreement([
      ...path('kernel', ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED']),
      ...path('inferred', ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'], 1),
      { t: 100, state: 'TIME_WAIT', source: 'ss' },
    ]);
    expect(a).toEqual({
      sources: ['kernel', 'inferred', 'ss'],
      transitions: 6,
      agreed: 6,
      fraction: 1,
      disagreements: [],
    });
  });

  it('names the transitions a source missed and the snapshots that contradict', () => {
    const a = computeAgreement([
      ...path('kernel', ['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']),
      ...path('inferred', ['ESTABLISHED', 'CLOSE_WAIT', 'CLOSED']),
      { t: 15, state: 'ESTABLISHED', source: 'ss' },
    ])!;
    expect(a.transitions).toBe(5);
    expect(a.agreed).toBe(1);
    expect(a.disagreements).toEqual([
      'CLOSE_WAIT→LAST_ACK not reported by inferred',
      'LAST_ACK→CLOSED not reported by inferred',
      'CLOSE_WAIT→CLOSED not reported by kernel',
      'ss saw ESTABLISHED at t=15 where kernel had CLOSE_WAIT',
    ]);
  });

  it('is undefined with a single source', () => {
    expect(computeAgreement(path('inferred', ['CLOSED', 'SYN_SENT']))).toBeUndefined();
  });
});
