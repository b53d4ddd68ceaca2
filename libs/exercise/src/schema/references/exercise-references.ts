/**
 * Whole-exercise validation after the schema accepted the shape: unique ids, resolvable
 * references, known placeholders, and faulty-solution expectations naming real checks.
 */
import type { ExerciseSpec } from '../exercise';
import { specError, type SpecError, type SpecPointer } from '../errors';
import { knownArgvPlaceholders, placeholdersIn } from '../builders';
import { Namespace } from '../namespace';
import { didYouMean } from '../suggest';
import { LANGUAGES } from '../vocabulary';
import { validateCheckReferences } from './check-references';
import { HostDirectory } from './host-directory';
import { validateScenarioReferences, type ScenarioNames } from './scenario-references';

export function validateExerciseReferences(spec: ExerciseSpec): SpecError[] {
  const errors: SpecError[] = [];
  const hosts = new HostDirectory(spec.hosts, errors);
  validatePlaceholders(spec, hosts, errors);

  const manual = new Set(
    spec.hosts.learner.filter((host) => host.start === 'manual').map((host) => host.name),
  );
  const scenarioIds = new Namespace('scenario', errors);
  const scenarios = new Map<string, ScenarioNames>();
  spec.scenarios.forEach((scenario, index) => {
    scenarioIds.declare(scenario.id, ['scenarios', index, 'id']);
    const names = validateScenarioReferences(
      scenario,
      ['scenarios', index],
      hosts,
      { isManual: (host) => manual.has(host) },
      errors,
    );
    scenarios.set(scenario.id, names);
  });

  const checkIds = new Namespace('check', errors);
  spec.checks.forEach((check, index) => {
    checkIds.declare(check.id, ['checks', index, 'id']);
    validateCheckReferences(check, ['checks', index], hosts, scenarioIds, scenarios, errors);
  });
  if (spec.checks.every((check) => check.points === 0)) {
    errors.push(
      specError(
        'exercise/invalid-spec',
        ['checks'],
        'every check is worth 0 points; give at least one check points',
      ),
    );
  }

  for (const [name, expectation] of Object.entries(spec.faultySolutions)) {
    expectation.mustFail.forEach((id, index) =>
      checkIds.resolve(id, ['faultySolutions', name, 'mustFail', index], `(faulty solution "${name}")`),
    );
  }
  return errors;
}

function validatePlaceholders(spec: ExerciseSpec, hosts: HostDirectory, errors: SpecError[]): void {
  /** Each entry is [key or index, template]; errors point at that key. */
  const templates = (
    entries: ReadonlyArray<readonly [string | number, string]>,
    at: SpecPointer,
    allowed: readonly string[],
    where: string,
  ) => {
    for (const [key, value] of entries) {
      for (const name of placeholdersIn(value)) {
        if (allowed.includes(name)) continue;
        const known =
          allowed.length === 0
            ? `${where} take no placeholders`
            : `known: ${allowed.map((p) => `{${p}}`).join(', ')}`;
        errors.push(
          specError(
            'exercise/unknown-placeholder',
            [...at, key],
            `unknown placeholder {${name}}${didYouMean(name, allowed) || ` — ${known}`}`,
          ),
        );
      }
    }
  };
  const indexed = (values: readonly string[]) => values.map((value, index) => [index, value] as const);

  for (const language of LANGUAGES) {
    const toolchain = spec.languages[language];
    if (toolchain === undefined) continue;
    templates(indexed(toolchain.build), ['languages', language, 'build'], [], 'build commands');
    templates(indexed(toolchain.run), ['languages', language, 'run'], knownArgvPlaceholders, 'run commands');
  }

  const runTemplates = Object.values(spec.languages).flatMap((toolchain) => toolchain?.run ?? []);
  spec.hosts.learner.forEach((host, index) => {
    const at: SpecPointer = ['hosts', 'learner', index];
    templates(indexed(host.args), [...at, 'args'], knownArgvPlaceholders, 'args');
    templates(Object.entries(host.env), [...at, 'env'], knownArgvPlaceholders, 'env');

    const used = new Set([...host.args, ...Object.values(host.env), ...runTemplates].flatMap(placeholdersIn));
    if (host.target !== undefined) {
      hosts.resolveAny(host.target, [...at, 'target']);
    } else if (used.has('host') && hosts.onlyPeer() === undefined) {
      errors.push(
        specError(
          'exercise/unknown-reference',
          [...at, 'target'],
          `{host} needs a target: there are ${hosts.peerCount()} peers, so name the one {host} stands for with target`,
        ),
      );
    }
    if (used.has('file')) {
      spec.scenarios.forEach((scenario, scenarioIndex) => {
        if (scenario.file !== undefined) return;
        errors.push(
          specError(
            'exercise/invalid-spec',
            ['scenarios', scenarioIndex, 'file'],
            `hosts.learner[${index}] uses {file}, so every scenario needs file: {name, text | bytes}`,
          ),
        );
      });
    }
  });
}
