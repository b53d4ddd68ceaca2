import type { LabEventOf } from '@socklab/contracts';
import type { StatementCheck } from '../../api/types';
import type { EvidenceRef, RunReport } from './run-report';

export interface CheckRow {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'error' | 'skip';
  points: number;
  maxPoints: number;
  message: string | null;
  explanation: string | null;
  evidence: EvidenceRef[];
}

export interface CheckGroup {
  scenarioId: string;
  title: string;
  checks: CheckRow[];
}

/**
 * Check results by scenario. Once the run is graded the stored report is complete and is
 * used alone (it carries the evidence). Before that, results come from the live `check`
 * events, titled and explained from the exercise's statement; a check the statement does
 * not describe (hidden) shows as such.
 */
export function checkGroups(
  live: readonly LabEventOf<'check'>[],
  report: RunReport | null,
  statement: { checks?: StatementCheck[]; scenarios?: { id: string; title: string }[] },
): CheckGroup[] {
  if (report && report.scenarios.length > 0) {
    return report.scenarios.map((scenario) => ({
      scenarioId: scenario.id,
      title: scenario.title,
      checks: scenario.checks.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        points: c.points,
        maxPoints: c.maxPoints,
        message: c.message ?? null,
        explanation: c.explanation ?? null,
        evidence: c.evidence,
      })),
    }));
  }
  const described = new Map((statement.checks ?? []).filter((c) => c.id).map((c) => [c.id as string, c]));
  const titles = new Map((statement.scenarios ?? []).map((s) => [s.id, s.title]));
  const groups = new Map<string, CheckGroup>();
  for (const event of live) {
    let group = groups.get(event.scenario);
    if (!group) {
      group = { scenarioId: event.scenario, title: titles.get(event.scenario) ?? event.scenario, checks: [] };
      groups.set(event.scenario, group);
    }
    const known = described.get(event.id);
    group.checks.push({
      id: event.id,
      title: known?.title ?? 'Hidden check',
      status: event.status,
      points: event.points,
      maxPoints: event.maxPoints,
      message: known ? event.message : null,
      explanation: known?.explanation ?? null,
      evidence: [],
    });
  }
  return [...groups.values()];
}
