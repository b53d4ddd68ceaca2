import { viewReport } from './report-view';

const report = {
  score: 5,
  maxScore: 15,
  gradable: true,
  scenarios: [
    {
      id: 'normal',
      title: 'Normal',
      checks: [
        {
          id: 'a',
          title: 'Open',
          status: 'pass',
          points: 5,
          maxPoints: 5,
          visibility: 'visible',
          message: 'ok',
          explanation: 'e',
          evidence: [{ kind: 'step', path: 'steps[0]' }],
        },
        {
          id: 'b',
          title: 'Secret RST',
          status: 'fail',
          points: 0,
          maxPoints: 5,
          visibility: 'hidden',
          message: 'peer sent RST at steps[3]',
          explanation: 'x',
          evidence: [{ kind: 'packet', index: 4, t: 1 }],
        },
        {
          id: 'c',
          title: 'After due',
          status: 'fail',
          points: 0,
          maxPoints: 5,
          visibility: 'after-due',
          message: 'late detail',
          explanation: 'y',
          evidence: [],
        },
      ],
    },
  ],
};

const checks = (viewed: unknown) => (viewed as typeof report).scenarios[0].checks;
const now = new Date('2026-03-01T12:00:00Z');

describe('viewReport', () => {
  it('gives staff the whole report', () => {
    expect(viewReport(report, { role: 'instructor', now })).toBe(report);
  });

  it('hides the details of hidden checks from learners but keeps outcome and points', () => {
    const hidden = checks(viewReport(report, { role: 'learner', now }))[1];
    expect(hidden).toEqual({
      id: 'b',
      status: 'fail',
      points: 0,
      maxPoints: 5,
      visibility: 'hidden',
      title: 'Hidden check',
    });
    expect(JSON.stringify(viewReport(report, { role: 'learner', now }))).not.toMatch(/RST|steps\[3\]/);
  });

  it('reveals after-due checks only once the due date has passed', () => {
    const before = checks(
      viewReport(report, { role: 'learner', now, dueAt: new Date('2026-03-02T00:00:00Z') }),
    )[2];
    const after = checks(
      viewReport(report, { role: 'learner', now, dueAt: new Date('2026-02-28T00:00:00Z') }),
    )[2];
    const practice = checks(viewReport(report, { role: 'learner', now, dueAt: null }))[2];
    expect(before).not.toHaveProperty('message');
    expect(practice).not.toHaveProperty('message');
    expect(after).toMatchObject({ title: 'After due', message: 'late detail' });
  });

  it('leaves visible checks and things that are not reports alone', () => {
    expect(checks(viewReport(report, { role: 'learner', now }))[0]).toBe(report.scenarios[0].checks[0]);
    expect(viewReport(null, { role: 'learner', now })).toBeNull();
  });
});
