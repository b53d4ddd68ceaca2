import { checkGroups } from './check-rows';
import type { RunReport } from './run-report';

const statement = {
  scenarios: [{ id: 'three-chunks', title: 'Three writes' }],
  checks: [
    { id: 'no-reset', title: 'The connection ends without RST', points: 10, visibility: 'visible' as const, explanation: 'Read to EOF before close().' },
    { points: 5, visibility: 'hidden' as const },
  ],
};
const live = [
  { type: 'check' as const, seq: 1, t: 1, scenario: 'three-chunks', id: 'no-reset', status: 'fail' as const, points: 0, maxPoints: 10, message: 'RST at frame 12' },
  { type: 'check' as const, seq: 2, t: 2, scenario: 'three-chunks', id: 'secret', status: 'pass' as const, points: 5, maxPoints: 5, message: 'peer saw 3 writes' },
];

describe('checkGroups', () => {
  it('explains live results from the statement and conceals what it does not describe', () => {
    expect(checkGroups(live, null, statement)).toEqual([
      {
        scenarioId: 'three-chunks',
        title: 'Three writes',
        checks: [
          {
            id: 'no-reset',
            title: 'The connection ends without RST',
            status: 'fail',
            points: 0,
            maxPoints: 10,
            message: 'RST at frame 12',
            explanation: 'Read to EOF before close().',
            evidence: [],
          },
          { id: 'secret', title: 'Hidden check', status: 'pass', points: 5, maxPoints: 5, message: null, explanation: null, evidence: [] },
        ],
      },
    ]);
  });

  it('uses the stored report, with its evidence, once the run is graded', () => {
    const report: RunReport = {
      score: 0,
      maxScore: 10,
      gradable: true,
      scenarios: [
        {
          id: 'three-chunks',
          title: 'Three writes',
          checks: [
            {
              id: 'no-reset',
              title: 'No RST',
              status: 'fail',
              points: 0,
              maxPoints: 10,
              visibility: 'visible',
              message: 'RST',
              explanation: 'why',
              evidence: [{ kind: 'packet', index: 12, t: 1 }],
            },
          ],
        },
      ],
    };
    const [group] = checkGroups(live, report, statement);
    expect(group.checks).toHaveLength(1);
    expect(group.checks[0].evidence).toEqual([{ kind: 'packet', index: 12, t: 1 }]);
  });
});
