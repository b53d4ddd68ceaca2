import { closestMatch, levenshtein } from './suggest';
import { TCP_STATES, TCP_STATE_ALIASES } from './vocabulary';

describe('near-miss suggestions', () => {
  it('levenshtein counts single-character edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('ignores case and punctuation, knows ss spellings, and stays silent when nothing is close', () => {
    expect(closestMatch('time-wait', TCP_STATES)).toBe('TIME_WAIT');
    expect(closestMatch('SYN-RECV', TCP_STATES, TCP_STATE_ALIASES)).toBe('SYN_RECEIVED');
    expect(closestMatch('FIN_WAIT_3', TCP_STATES)).toBe('FIN_WAIT_1');
    expect(closestMatch('BANANA', TCP_STATES)).toBeUndefined();
  });
});
