/**
 * The final report of `socklab run` as text: score, build, then every check of every
 * scenario — a failed check with its numbered message and the explanation of what was
 * expected, so the learner knows what to fix.
 */
import type { LabReport } from '@socklab/lab';
import { round } from './progress';

export function reportText(report: LabReport, outDir: string): string {
  const lines: string[] = [];
  const verdict = report.infraError
    ? `not graded: the lab failed (${report.infraError.code}): ${report.infraError.message}`
    : `score ${round(report.score)}/${round(report.maxScore)}${report.gradable ? '' : ' (not gradable)'}`;
  lines.push(`${report.exerciseId} (${report.language}): ${verdict}`);
  lines.push(`build: ${report.build.ok ? 'ok' : 'FAILED'} in ${report.build.durationMs} ms`);
  if (!report.build.ok) lines.push(indent(report.build.output.trimEnd(), '  | '));
  for (const scenario of report.scenarios) {
    lines.push('', `scenario ${scenario.id}: ${scenario.title}`);
    for (const check of scenario.checks) {
      const mark = check.status === 'pass' ? 'pass' : check.status === 'fail' ? 'FAIL' : 'ERROR';
      lines.push(
        `  ${mark.padEnd(5)} ${check.id}  ${round(check.points)}/${round(check.maxPoints)}  ${check.title}`,
      );
      if (check.status !== 'pass') {
        lines.push(indent(check.message.trimEnd(), '          '));
        lines.push(indent(`Why: ${check.explanation.trim()}`, '          '));
      }
    }
  }
  lines.push('', `artifacts: ${outDir} (${report.artifacts.map((a) => a.name).join(', ')})`);
  return lines.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
