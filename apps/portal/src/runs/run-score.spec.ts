import { formatRunScore, runScore } from './run-score';

const report = (score: number, maxScore: number, checks: number) => ({
  score,
  maxScore,
  scenarios: [{ checks: Array.from({ length: checks }, () => ({})) }],
});

describe('runScore', () => {
  it('a playground run is not graded, from its first moment to its report', () => {
    expect(runScore({ playground: true, report: null, result: null })).toEqual({ kind: 'not-graded' });
    expect(
      formatRunScore(
        runScore({ playground: true, report: report(0, 0, 0), result: { score: 0, maxScore: 0 } }),
      ),
    ).toBe('not graded');
  });

  it('a report with no check and no points is not graded; a graded 0 is a score', () => {
    expect(runScore({ playground: false, report: report(0, 0, 0), result: null })).toEqual({
      kind: 'not-graded',
    });
    expect(runScore({ playground: false, report: report(0, 10, 2), result: null })).toEqual({
      kind: 'score',
      score: 0,
      maxScore: 10,
    });
  });

  it('prefers the report to the live result, and knows nothing before either', () => {
    expect(
      runScore({ playground: false, report: report(7, 10, 1), result: { score: 5, maxScore: 10 } }),
    ).toMatchObject({ score: 7 });
    expect(
      formatRunScore(runScore({ playground: false, report: null, result: { score: 5, maxScore: 10 } })),
    ).toBe('5 / 10');
    expect(runScore({ playground: false, report: null, result: { score: 0, maxScore: 0 } })).toEqual({
      kind: 'not-graded',
    });
    expect(runScore({ playground: false, report: null, result: { score: null, maxScore: null } })).toBeNull();
    expect(formatRunScore(null)).toBe('–');
  });
});
