/**
 * A self-test in words for the instructor who has to act on it: per solution what was
 * expected, what happened, and what to fix; and the verdict of the whole self-test.
 * Pure: the API's self-test view in, text out.
 */
import type { SelfTestSolutionResult, SelfTestView } from '../api/types';
import { formatScore } from '../ui/format';

export interface SolutionVerdict {
  /** 'Reference solution' or 'Faulty solution "never-closes"'. */
  solution: string;
  language: string;
  expected: string;
  actual: string;
  ok: boolean;
  /** What to change, one sentence each; [] when ok. */
  fixes: string[];
}

const checkList = (ids: string[]) => (ids.length === 0 ? 'no check' : ids.join(', '));

export function solutionVerdict(result: SelfTestSolutionResult): SolutionVerdict {
  const reference = result.kind === 'reference';
  const solution = reference ? 'Reference solution' : `Faulty solution “${result.name}”`;
  const expected = reference
    ? `full marks (${formatScore(result.maxScore, result.maxScore)}), no failed check`
    : `fails exactly: ${checkList(result.expectedFailures)}`;
  const actual = !result.build.ok
    ? 'did not build'
    : !result.gradable
      ? 'could not be graded'
      : `${formatScore(result.score, result.maxScore)}, fails: ${checkList(result.failedChecks)}`;
  return { solution, language: result.language, expected, actual, ok: result.ok, fixes: result.ok ? [] : fixesFor(result) };
}

function fixesFor(result: SelfTestSolutionResult): string[] {
  const where = result.kind === 'reference' ? 'solutions/reference' : `solutions/faulty/${result.name}`;
  const folder = `${where}/${result.language}/`;
  if (!result.build.ok) return [`It did not build: fix the code in ${folder} (compiler output below).`];
  if (!result.gradable) return [`The lab could not grade it (it did not start or was stopped): check that ${folder} starts as the exercise says.`];
  if (result.kind === 'reference') {
    const fixes = result.failedChecks.map(
      (id) => `The reference fails “${id}”: fix ${folder}, or the check if it expects the wrong thing.`,
    );
    if (fixes.length === 0) fixes.push(`The reference scored ${formatScore(result.score, result.maxScore)}: every check must pass in full.`);
    return fixes;
  }
  const failed = new Set(result.failedChecks);
  const expected = new Set(result.expectedFailures);
  const passing = result.expectedFailures.filter((id) => !failed.has(id));
  const extra = result.failedChecks.filter((id) => !expected.has(id));
  const fixes: string[] = [];
  if (passing.length > 0)
    fixes.push(
      `It passes ${checkList(passing)}, which it must fail: make the fault show in ${folder}, or remove ${passing.length === 1 ? 'it' : 'them'} from its mustFail.`,
    );
  if (extra.length > 0)
    fixes.push(
      `It also fails ${checkList(extra)}: add ${extra.length === 1 ? 'it' : 'them'} to its mustFail if that is part of the fault, otherwise fix ${folder}.`,
    );
  return fixes;
}

export type VerdictTone = 'ok' | 'error' | 'pending';

export interface SelfTestVerdict {
  tone: VerdictTone;
  /** One line: "Passed", "Running: 1 of 3 solutions finished" … */
  headline: string;
  /** What it means and what to do next. */
  detail: string;
}

export function selfTestVerdict(selfTest: Pick<SelfTestView, 'status' | 'progress' | 'results' | 'error'>): SelfTestVerdict {
  const { finished, total } = selfTest.progress;
  switch (selfTest.status) {
    case 'queued':
      return { tone: 'pending', headline: 'Queued', detail: 'Waiting for a free runner.' };
    case 'running':
      return {
        tone: 'pending',
        headline: `Running: ${finished} of ${total} solution${total === 1 ? '' : 's'} finished`,
        detail: 'Each solution runs through the lab as a learner’s submission would.',
      };
    case 'passed':
      return {
        tone: 'ok',
        headline: 'Passed',
        detail:
          'Every reference solution scored full marks and every faulty solution failed exactly its documented checks. This version can be assigned to a course.',
      };
    case 'failed': {
      const wrong = selfTest.results.filter((r) => !r.ok).length;
      return {
        tone: 'error',
        headline: `Failed: ${wrong} of ${selfTest.results.length} solution${selfTest.results.length === 1 ? '' : 's'} did not behave as documented`,
        detail: 'Fix what the table says, publish the folder again as a new version, and run its self-test.',
      };
    }
    case 'error':
      return {
        tone: 'error',
        headline: 'Could not be carried out',
        detail: `${selfTest.error ? `${selfTest.error.message} (${selfTest.error.code}). ` : ''}This says nothing about the exercise: run the self-test again.`,
      };
  }
}
