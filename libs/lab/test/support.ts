import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabEvent } from '@socklab/contracts';
import type { GradeFunction, ScenarioEvidence } from '../src';

export const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

const TRACEFS_INSTANCES = '/sys/kernel/tracing/instances';

/** Lab resources of a job still present on the host: netns names, TAP interfaces, tracefs instances. */
export function leftovers(jobId: string, tapHash: string): string[] {
  const netns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  const taps = execFileSync('ip', ['-o', 'link', 'show', 'type', 'tun'], { encoding: 'utf8' });
  const instances = existsSync(TRACEFS_INSTANCES) ? readdirSync(TRACEFS_INSTANCES) : [];
  return [
    ...netns.split('\n').filter((line) => line.includes(jobId)),
    ...taps.split('\n').filter((line) => line.includes(`slb${tapHash}`)),
    ...instances.filter((name) => name.startsWith(`slb-${jobId}-`)).map((name) => `tracefs ${name}`),
  ];
}

/**
 * Stands in for @socklab/grader's grade() (not exported yet): keeps the evidence for the
 * test's own assertions and reports no checks.
 */
export function capturingGrader(): { grade: GradeFunction; evidence: ScenarioEvidence[] } {
  const evidence: ScenarioEvidence[] = [];
  return {
    evidence,
    grade: (spec, scenarios) => {
      evidence.push(...scenarios);
      return {
        score: 0,
        maxScore: spec.checks.reduce((s, c) => s + c.points, 0),
        gradable: true,
        scenarios: [],
      };
    },
  };
}

export function collectEvents(): { events: LabEvent[]; onEvent: (e: LabEvent) => void } {
  const events: LabEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}
