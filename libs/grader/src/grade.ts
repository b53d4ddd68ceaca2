/**
 * The grader: (spec, evidence of each scenario) → report. Pure: no I/O, no clock.
 * Every check applies to the scenarios it lists (all when it lists none) and is worth its
 * points shared among them (scoring.ts); each share is earned where the check passes.
 * A check that cannot be evaluated (status 'error': evidence missing for infrastructure
 * reasons, or a fault in the grader itself) earns nothing and makes the run not gradable.
 */
import type { Check, ExerciseSpec } from '@socklab/exercise';
import type { CheckResult, GradeFunction, ScenarioReport } from './api';
import { evaluateCheck } from './checks/evaluate-check';
import { unavailable, type CheckOutcome } from './evaluation/outcome';
import { ScenarioContext } from './evaluation/scenario-context';
import { fromCents, sharesInCents } from './scoring';

export const grade: GradeFunction = (spec, evidence) => {
  const evidenceById = new Map(evidence.map((entry) => [entry.scenarioId, entry]));
  const shares = new Map(
    spec.checks.map((check) => [check.id, sharesInCents(check.points, scenariosOf(check, spec).length)]),
  );
  let scoreCents = 0;
  let maxCents = 0;
  let gradable = true;

  const scenarios: ScenarioReport[] = spec.scenarios.map((scenario) => {
    const scenarioEvidence = evidenceById.get(scenario.id);
    const context = scenarioEvidence ? new ScenarioContext(spec, scenarioEvidence) : undefined;
    const checks = spec.checks
      .filter((check) => scenariosOf(check, spec).includes(scenario.id))
      .map((check): CheckResult => {
        const share = (shares.get(check.id) ?? [])[scenariosOf(check, spec).indexOf(scenario.id)] ?? 0;
        const outcome = context
          ? safelyEvaluate(check, context)
          : unavailable(`no evidence was recorded for the scenario "${scenario.id}"`);
        const earned = outcome.status === 'pass' ? share : 0;
        scoreCents += earned;
        maxCents += share;
        if (outcome.status === 'error') gradable = false;
        return {
          id: check.id,
          title: check.title,
          status: outcome.status,
          points: fromCents(earned),
          maxPoints: fromCents(share),
          visibility: check.visibility,
          message: outcome.message,
          explanation: check.explanation,
          evidence: outcome.evidence,
        };
      });
    return { id: scenario.id, title: scenario.title, checks };
  });
  return { score: fromCents(scoreCents), maxScore: fromCents(maxCents), gradable, scenarios };
};

function scenariosOf(check: Check, spec: ExerciseSpec): string[] {
  const all = spec.scenarios.map((scenario) => scenario.id);
  const listed = check.scenarios;
  return listed ? all.filter((id) => listed.includes(id)) : all;
}

/** A grader fault on one check must not lose the whole report: it becomes that check's error. */
function safelyEvaluate(check: Check, context: ScenarioContext): CheckOutcome {
  try {
    return evaluateCheck(check, context);
  } catch (error) {
    return unavailable(
      `the grader failed on this check (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
