/**
 * The built-in pack's promise, checked through the real lab with the local driver: for
 * every exercise, each reference solution scores full marks and each faulty solution
 * fails exactly the checks it is documented to fail — three times over, with identical
 * grades each round (issue 6: no flakiness). Solutions of one exercise run two at a time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTestExercise, type SolutionResult } from '@socklab/lab';
import { LocalDriver } from '@socklab/sandbox';
import { loadPackExercise, packExerciseIds } from '@socklab/pack';

const ROUNDS = 3;
const driver = new LocalDriver();
const outRoot = mkdtempSync(join(tmpdir(), 'pack-self-test-'));

const label = (r: SolutionResult) => `${r.kind === 'reference' ? 'reference' : r.name} (${r.language})`;
const grade = (r: SolutionResult) => ({ solution: label(r), score: r.score, failed: r.failedChecks });

describe('the built-in pack keeps its promises', () => {
  it('has every exercise of EXERCISES.md', () => {
    expect(packExerciseIds()).toEqual([
      'busy-listener',
      'event-loop-server',
      'greeting-server',
      'half-close-echo',
      'heartbeat-client',
      'length-prefixed-upper',
      'line-protocol',
      'ping-client',
      'prompt-close',
      'restartable-server',
      'sigpipe-safe-server',
      'udp-echo-client',
      'upload-client',
    ]);
  });

  it.each(packExerciseIds())(
    '%s: references full marks, faulty solutions exactly their failures, same grades 3 times',
    async (id) => {
      const loaded = await loadPackExercise(id);
      if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
      const rounds: SolutionResult[][] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const report = await selfTestExercise(loaded.value, {
          driver,
          outDir: join(outRoot, id, `round-${round}`),
          seed: 1,
          concurrency: 2,
        });
        const broken = report.results
          .filter((r) => !r.ok)
          .map((r) => `${label(r)}: ${r.problems.join('; ')}`);
        expect({ round, broken }).toEqual({ round, broken: [] });
        rounds.push(report.results);
      }
      for (const round of rounds.slice(1)) expect(round.map(grade)).toEqual(rounds[0].map(grade));
    },
    900_000,
  );
});
