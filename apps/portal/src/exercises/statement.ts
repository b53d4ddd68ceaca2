import type { ExerciseDetail } from '../api/types';

/**
 * The statement a learner reads: the version's statement.md when the API provides one,
 * followed by what is graded. Without statement.md, the summary and the scenarios stand
 * in for it. Hidden checks show their points only (the API sends nothing more).
 */
export function statementMarkdown(exercise: Pick<ExerciseDetail, 'title' | 'summary' | 'spec' | 'statement'>): string {
  const parts: string[] = [];
  if (exercise.statement && exercise.statement.trim() !== '') parts.push(withoutTitle(exercise.statement.trim(), exercise.title));
  else {
    if (exercise.summary) parts.push(exercise.summary);
    const scenarios = exercise.spec.scenarios ?? [];
    if (scenarios.length > 0) {
      parts.push(
        '## Scenarios',
        scenarios.map((s) => `- **${s.title}**${s.description ? ` — ${s.description}` : ''}`).join('\n'),
      );
    }
  }
  const checks = exercise.spec.checks ?? [];
  if (checks.length > 0) {
    const lines = checks.map((check) =>
      check.visibility === 'visible' && check.title
        ? `- **${check.title}** (${points(check.points)})${check.explanation ? `: ${check.explanation}` : ''}`
        : `- *A ${check.visibility === 'after-due' ? 'check revealed after the due date' : 'hidden check'}* (${points(check.points)})`,
    );
    parts.push('## What is graded', lines.join('\n'));
  }
  return parts.join('\n\n');
}

/** A statement opening with the exercise's title as its heading: the page already shows it. */
function withoutTitle(statement: string, title: string): string {
  const [first, ...rest] = statement.split('\n');
  return /^#{1,6}\s/.test(first) && first.replace(/^#+\s*/, '').trim() === title.trim() ? rest.join('\n').trim() : statement;
}

const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;
