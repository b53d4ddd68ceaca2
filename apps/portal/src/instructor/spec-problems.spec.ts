import { problemsFromApi, specProblems } from './spec-problems';

const VALID = `apiVersion: socklab.dev/v1
kind: Exercise
metadata:
  id: tiny-echo
  title: Tiny echo
  summary: Echo one line.
  difficulty: intro
languages:
  python: {}
hosts:
  learner:
    - name: server
      role: server
      args: ['{port}']
      ready: { listen: { port: '{port}' } }
  peers:
    - name: client
scenarios:
  - id: one
    title: One line
    steps:
      - connect: { peer: client, to: server, as: c1 }
      - send: { conn: c1, data: "hi\\n" }
      - readToEof: { conn: c1 }
checks:
  - id: echo
    title: Echoes
    points: 10
    explanation: Echo what arrives.
    stream: { conn: c1, startsWith: [{ sent: c1 }] }
`;

describe('specProblems', () => {
  it('finds no problem in a valid exercise, or in an empty editor', () => {
    expect(specProblems(VALID)).toEqual([]);
    expect(specProblems('  \n')).toEqual([]);
  });

  it('anchors a schema error to the line of the offending value', () => {
    const text = VALID.replace('points: 10', 'points: ten');
    const problems = specProblems(text);
    expect(problems.length).toBeGreaterThan(0);
    const problem = problems.find((p) => p.path === 'checks[0].points');
    expect(problem?.line).toBe(text.split('\n').findIndex((line) => line.includes('points: ten')) + 1);
    expect(problem && text.slice(problem.from, problem.to)).toBe('ten');
  });

  it('reports an unknown reference with its path', () => {
    const problems = specProblems(VALID.replace('peer: client, to: server', 'peer: clinet, to: server'));
    expect(problems.map((p) => p.path)).toContain('scenarios[0].steps[0].connect.peer');
    expect(problems[0].message).toMatch(/clinet/);
  });

  it('reports YAML syntax errors at their position', () => {
    const problems = specProblems('metadata:\n  id: [unclosed\n');
    expect(problems[0]).toMatchObject({ code: 'exercise/yaml-syntax' });
    expect(problems[0].line).not.toBeNull();
  });
});

describe('problemsFromApi', () => {
  it('anchors the API’s 422 details the same way', () => {
    const text = 'a: 1\nb: 2\n';
    expect(problemsFromApi([{ code: 'exercise/invalid-spec', path: 'b', message: 'bad', line: 2, column: 4 }, 'junk'], text)).toEqual([
      { from: 8, to: 9, line: 2, column: 4, path: 'b', message: 'bad', code: 'exercise/invalid-spec' },
    ]);
    expect(problemsFromApi(null, text)).toEqual([]);
  });

  it('keeps a folder upload’s problems in other files out of the editor, named by their file', () => {
    const text = 'a: 1\nb: 2\n';
    expect(
      problemsFromApi(
        [
          { code: 'exercise/missing-file', file: 'starter/python', path: '', message: 'no starter', line: 2 },
          { code: 'exercise/invalid-spec', file: 'exercise.yaml', path: 'b', message: 'bad', line: 2, column: 1 },
        ],
        text,
      ),
    ).toEqual([
      { from: 0, to: 4, line: null, column: null, path: 'starter/python', message: 'no starter', code: 'exercise/missing-file' },
      { from: 5, to: 9, line: 2, column: 1, path: 'b', message: 'bad', code: 'exercise/invalid-spec' },
    ]);
  });
});
