/**
 * The grader's report as a given viewer may see it. Staff see everything. A learner sees
 * a `hidden` check's outcome and points but not its title, message, explanation or
 * evidence (they would give the hidden test away); an `after-due` check likewise until
 * the assignment's due date has passed (and always, outside an assignment). Stored
 * reports are JSON; anything not shaped like a report passes through untouched.
 */
export interface ReportViewer {
  role: 'learner' | 'instructor';
  now: Date;
  dueAt?: Date | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function viewReport(report: unknown, viewer: ReportViewer): unknown {
  if (viewer.role !== 'learner' || !isObject(report) || !Array.isArray(report['scenarios'])) return report;
  return {
    ...report,
    scenarios: report['scenarios'].map((scenario) =>
      isObject(scenario) && Array.isArray(scenario['checks'])
        ? { ...scenario, checks: scenario['checks'].map((check) => viewCheck(check, viewer)) }
        : scenario,
    ),
  };
}

function viewCheck(check: unknown, viewer: ReportViewer): unknown {
  if (!isObject(check)) return check;
  if (!concealed(check['visibility'], viewer)) return check;
  const { id, status, points, maxPoints, visibility } = check;
  return { id, status, points, maxPoints, visibility, title: 'Hidden check' };
}

function concealed(visibility: unknown, viewer: ReportViewer): boolean {
  if (visibility === 'visible') return false;
  if (visibility === 'after-due') return !viewer.dueAt || viewer.now < viewer.dueAt;
  // 'hidden', and anything unknown: conceal rather than leak.
  return true;
}
