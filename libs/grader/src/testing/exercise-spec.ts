/**
 * Small exercise specs for tests, parsed by the exercise library's own parser so that the
 * checks have exactly the shape (defaults included) the lab hands the grader.
 */
import { parseExerciseSpec, type ExerciseSpec } from '@socklab/exercise';

export interface TestSpecOptions {
  /** The learner program is a server (peer `client` connects) or a client (peer `server` listens). */
  learner: 'server' | 'client';
  scenarios: string[];
  /** The `checks:` list, as YAML (indented by two spaces per level, starting at column 2). */
  checks: string;
  /** Each scenario's `steps:` list, as YAML at column 6; a connect or listen/accept by default. */
  steps?: string;
}

export function testSpec({ learner, scenarios, checks, steps: customSteps }: TestSpecOptions): ExerciseSpec {
  const hosts =
    learner === 'server'
      ? `  learner:\n    - { name: server, role: server, args: ['{port}'], ready: { listen: { port: '{port}' } } }\n  peers:\n    - { name: client }`
      : `  learner:\n    - { name: client, role: client, args: ['{host}', '{port}'], start: manual }\n  peers:\n    - { name: server }`;
  const steps =
    customSteps ??
    (learner === 'server'
      ? `      - connect: { peer: client, to: server, as: c1 }\n      - readToEof: { conn: c1 }`
      : `      - listen: { peer: server }\n      - start: { host: client }\n      - accept: { peer: server, as: s1 }\n      - waitExit: { host: client }`);
  const yaml = [
    'apiVersion: socklab.dev/v1',
    'kind: Exercise',
    'metadata: { id: grader-test, title: Grader test, summary: A test exercise., difficulty: intro }',
    'languages: { c: {} }',
    'hosts:',
    hosts,
    'scenarios:',
    ...scenarios.map((id) => `  - id: ${id}\n    title: Scenario ${id}\n    steps:\n${steps}`),
    'checks:',
    checks,
  ].join('\n');
  const result = parseExerciseSpec(yaml);
  if (!result.ok)
    throw new Error(
      `test spec is invalid: ${result.errors.map((error) => error.message).join('; ')}\n${yaml}`,
    );
  return result.value;
}
