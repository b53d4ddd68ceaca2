import { grade } from './grade';
import { testSpec } from './testing/exercise-spec';
import { ScenarioBuilder } from './testing/scenario-builder';
import { viewReport } from './view-report';

const hosts = { client: { address: '10.0.0.2', learner: true }, server: { address: '10.0.0.3' } };

const spec = testSpec({
  learner: 'client',
  scenarios: ['normal', 'refused', 'blackhole'],
  checks: `
  - id: never-killed
    title: The client is never killed by a signal
    points: 10
    explanation: A client must end on its own terms.
    process: { host: client, killed: false }
  - id: refused-output
    title: Prints REFUSED and exits 2
    points: 20
    scenarios: [refused]
    visibility: hidden
    explanation: An RST in answer to the SYN means nobody listens.
    process: { host: client, exitCode: 2, stdout: { equals: "REFUSED\\n" } }
  - id: timeout-output
    title: Prints TIMEOUT and exits 3
    points: 15
    scenarios: [blackhole]
    visibility: after-due
    explanation: Unanswered SYNs need a timeout of the program's own.
    process: { host: client, exitCode: 3, stdout: { equals: "TIMEOUT\\n" } }`,
});

const evidence = (options: { refusedAs: string; blackholeKilled?: boolean }) => [
  new ScenarioBuilder('normal', hosts)
    .run('client', 1, { exitedAtMs: 20, exitCode: 0, stdout: 'OK\n' })
    .build(),
  new ScenarioBuilder('refused', hosts)
    .run('client', 2, { exitedAtMs: 3, exitCode: 2, stdout: `${options.refusedAs}\n` })
    .build(),
  new ScenarioBuilder('blackhole', hosts)
    .run(
      'client',
      3,
      options.blackholeKilled
        ? { exitedAtMs: 3000, signal: 'SIGSEGV' }
        : { exitedAtMs: 3000, exitCode: 3, stdout: 'TIMEOUT\n' },
    )
    .build(),
];

describe('grade: scoring', () => {
  it('gives full marks when every check passes everywhere', () => {
    const report = grade(spec, evidence({ refusedAs: 'REFUSED' }));
    expect(report).toMatchObject({ score: 45, maxScore: 45, gradable: true });
    expect(report.scenarios.map((scenario) => scenario.checks.map((check) => check.id))).toEqual([
      ['never-killed'],
      ['never-killed', 'refused-output'],
      ['never-killed', 'timeout-output'],
    ]);
  });

  it('shares a check among its scenarios in hundredths that add up to its points', () => {
    const report = grade(spec, evidence({ refusedAs: 'REFUSED' }));
    const shares = report.scenarios.map((scenario) => scenario.checks[0].maxPoints);
    expect(shares).toEqual([3.34, 3.33, 3.33]);
  });

  it('gives partial credit: a share lost in one scenario, a whole check in another', () => {
    const report = grade(spec, evidence({ refusedAs: 'TIMEOUT', blackholeKilled: true }));
    expect(report.score).toBe(6.67);
    expect(report.maxScore).toBe(45);
    const total = report.scenarios
      .flatMap((scenario) => scenario.checks)
      .reduce((sum, check) => sum + check.points, 0);
    expect(Math.round(total * 100) / 100).toBe(report.score);
  });

  it('makes the run not gradable when a scenario has no evidence, and earns nothing there', () => {
    const [normal, refused] = evidence({ refusedAs: 'REFUSED' });
    const report = grade(spec, [normal, refused]);
    expect(report.gradable).toBe(false);
    const blackhole = report.scenarios[2].checks;
    expect(blackhole.every((check) => check.status === 'error' && check.points === 0)).toBe(true);
    expect(blackhole[0].message).toContain('no evidence was recorded for the scenario "blackhole"');
  });
});

describe('viewReport', () => {
  const report = grade(spec, evidence({ refusedAs: 'TIMEOUT' }));
  const refused = (viewed: typeof report) => viewed.scenarios[1].checks[1];
  const timeout = (viewed: typeof report) => viewed.scenarios[2].checks[1];
  const now = new Date('2030-01-10T12:00:00Z');

  it('shows instructors everything', () => {
    const viewed = viewReport(report, { role: 'instructor', now });
    expect(refused(viewed).message).toContain('it printed "TIMEOUT\\n"');
    expect(viewed).toEqual(report);
  });

  it('withholds hidden details from learners but keeps status and points', () => {
    const viewed = viewReport(report, { role: 'learner', now, dueAt: new Date('2030-01-01T00:00:00Z') });
    expect(refused(viewed)).toMatchObject({
      status: 'fail',
      points: 0,
      maxPoints: 20,
      title: 'Prints REFUSED and exits 2',
      message: 'This check is hidden: it is graded, but its details are not shown.',
      evidence: [],
    });
    expect(viewed.score).toBe(report.score);
    expect(timeout(viewed).message).toBe(timeout(report).message);
  });

  it('withholds after-due details until the due date', () => {
    const before = viewReport(report, { role: 'learner', now, dueAt: new Date('2030-02-01T00:00:00Z') });
    expect(timeout(before).message).toBe('The details of this check are shown after the due date.');
    const noDueDate = viewReport(report, { role: 'learner', now, dueAt: null });
    expect(timeout(noDueDate).explanation).toBe('The details of this check are shown after the due date.');
    expect(timeout(report).explanation).toBe("Unanswered SYNs need a timeout of the program's own.");
  });
});
