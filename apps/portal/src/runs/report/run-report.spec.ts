import { drawableEvidence, readRunReport } from './run-report';

describe('readRunReport', () => {
  it('reads a lab report with its checks and their evidence', () => {
    const report = readRunReport({
      jobId: 'j',
      score: 80,
      maxScore: 100,
      gradable: true,
      build: { ok: true, output: '', durationMs: 300 },
      scenarios: [
        {
          id: 'three-chunks',
          title: 'Three writes',
          checks: [
            {
              id: 'no-reset',
              title: 'The connection ends without RST',
              status: 'fail',
              points: 0,
              maxPoints: 10,
              visibility: 'visible',
              message: '1. expected no RST\n2. observed RST at frame 12',
              explanation: 'close() with unread data sends RST.',
              evidence: [
                { kind: 'packet', index: 12, t: 5 },
                { kind: 'step', path: 'steps[4]' },
                { kind: 'bogus' },
              ],
            },
            { id: 'x', status: 'pass', points: 5, maxPoints: 5, visibility: 'hidden', title: 'Hidden check' },
          ],
        },
      ],
      artifacts: [{ name: 'trace.json', path: '/tmp/x', bytes: 1200 }, { path: 'nameless' }],
    });
    expect(report?.scenarios[0].checks[0]).toMatchObject({ status: 'fail', explanation: 'close() with unread data sends RST.' });
    expect(report?.scenarios[0].checks[0].evidence).toHaveLength(2);
    expect(drawableEvidence(report?.scenarios[0].checks[0] ?? { evidence: [] })).toEqual([{ kind: 'packet', index: 12, t: 5 }]);
    expect(report?.scenarios[0].checks[1]).toEqual({
      id: 'x',
      title: 'Hidden check',
      status: 'pass',
      points: 5,
      maxPoints: 5,
      visibility: 'hidden',
      evidence: [],
    });
  });

  it('reads nothing from values that are not reports', () => {
    expect(readRunReport(null)).toBeNull();
    expect(readRunReport({ score: 1 })).toBeNull();
  });
});
