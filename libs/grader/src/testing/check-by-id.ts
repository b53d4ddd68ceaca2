import type { CheckResult, GradeReport } from '../api';

/** The result of check `id` in the report's first scenario (or the given one); throws when absent. */
export function checkById(report: GradeReport, id: string, scenario = 0): CheckResult {
  const check = report.scenarios[scenario]?.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`check ${id} is not in scenario ${scenario} of the report`);
  return check;
}
