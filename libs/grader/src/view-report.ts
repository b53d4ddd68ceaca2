/**
 * What a viewer may see of a report. Instructors see everything. For learners, every check
 * still shows its title, status and points (hidden checks are graded and counted), but the
 * message, explanation and evidence of a `hidden` check are withheld, and so are those of
 * an `after-due` check until the due date has passed (no due date: withheld).
 */
import type { CheckResult, GradeReport, Viewer } from './api';

const HIDDEN_TEXT = 'This check is hidden: it is graded, but its details are not shown.';
const AFTER_DUE_TEXT = 'The details of this check are shown after the due date.';

export function viewReport(report: GradeReport, viewer: Viewer): GradeReport {
  if (viewer.role === 'instructor') return report;
  const dueHasPassed = viewer.dueAt != null && viewer.now.getTime() >= viewer.dueAt.getTime();
  return {
    ...report,
    scenarios: report.scenarios.map((scenario) => ({
      ...scenario,
      checks: scenario.checks.map((check) => withheld(check, dueHasPassed)),
    })),
  };
}

function withheld(check: CheckResult, dueHasPassed: boolean): CheckResult {
  if (check.visibility === 'hidden')
    return { ...check, message: HIDDEN_TEXT, explanation: HIDDEN_TEXT, evidence: [] };
  if (check.visibility === 'after-due' && !dueHasPassed) {
    return { ...check, message: AFTER_DUE_TEXT, explanation: AFTER_DUE_TEXT, evidence: [] };
  }
  return check;
}
