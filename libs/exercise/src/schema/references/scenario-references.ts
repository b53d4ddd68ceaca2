/**
 * Cross-references inside one scenario: steps name existing peers, learner hosts,
 * impairments and earlier steps; connections are used only after a step created them;
 * `{i}` appears only inside `repeat`.
 */
import { formatPath, specError, type SpecError, type SpecPointer } from '../errors';
import type { Impairment } from '../impairments';
import { Namespace } from '../namespace';
import type { Trigger } from '../observations';
import type { Step } from '../steps';
import type { HostDirectory } from './host-directory';

export interface ScenarioLike {
  impairments: Impairment[];
  steps: Step[];
}

export interface LearnerStartModes {
  isManual(host: string): boolean;
}

/** What checks may refer to in this scenario. */
export interface ScenarioNames {
  conns: Namespace;
  steps: Namespace;
}

interface Walk {
  repeat: { pointer: SpecPointer; count: number } | null;
}

const usesRepeatIndex = (name: string) => name.includes('{i}');

export function validateScenarioReferences(
  scenario: ScenarioLike,
  pointer: SpecPointer,
  hosts: HostDirectory,
  startModes: LearnerStartModes,
  errors: SpecError[],
): ScenarioNames {
  const impairments = new Namespace('impairment', errors);
  const conns = new Namespace('connection', errors);
  const udpSockets = new Namespace('UDP socket', errors);
  const steps = new Namespace('step', errors);
  const allStepIds = new Set<string>();
  collectStepIds(scenario.steps, allStepIds);

  scenario.impairments.forEach((impairment, index) => {
    const at: SpecPointer = [...pointer, 'impairments', index];
    impairments.declare(impairment.id, [...at, 'id']);
    if (impairment.link !== undefined) hosts.resolveAny(impairment.link, [...at, 'link']);
    if (impairment.match?.host !== undefined)
      hosts.resolveAny(impairment.match.host, [...at, 'match', 'host']);
    if (impairment.match?.answersAfterEnd !== undefined) {
      errors.push(
        specError(
          'exercise/invalid-spec',
          [...at, 'match', 'answersAfterEnd'],
          'answersAfterEnd is judged over the whole capture, after the run: checks can use it, an impairment acting on a frame cannot',
        ),
      );
    }
    if (impairment.effect.kind === 'partition') {
      impairment.effect.between.forEach((host, side) =>
        hosts.resolveAny(host, [...at, 'partition', 'between', side]),
      );
    }
  });

  const connName = (name: string, at: SpecPointer, walk: Walk): boolean => {
    if (usesRepeatIndex(name) && walk.repeat === null) {
      errors.push(
        specError('exercise/unknown-placeholder', at, `{i} in "${name}" is only defined inside repeat`),
      );
      return false;
    }
    return true;
  };

  const useConn = (name: string, at: SpecPointer, walk: Walk) => {
    if (!connName(name, at, walk)) return;
    if (conns.has(name)) return;
    errors.push(
      specError(
        'exercise/unknown-reference',
        at,
        `${conns.unknownMessage(name)} (connections are named by an earlier connect or accept "as")`,
      ),
    );
  };

  const declareConn = (name: string, at: SpecPointer, walk: Walk, namespace = conns) => {
    if (!connName(name, at, walk)) return;
    if (walk.repeat !== null && walk.repeat.count > 1 && !usesRepeatIndex(name)) {
      errors.push(
        specError(
          'exercise/duplicate-id',
          at,
          `inside repeat every iteration opens its own connection: name it with {i}, e.g. "${name}{i}"`,
        ),
      );
      return;
    }
    namespace.declare(name, at);
  };

  const checkTrigger = (trigger: Trigger, at: SpecPointer, walk: Walk) => {
    switch (trigger.kind) {
      case 'state':
        hosts.resolveAny(trigger.host, [...at, 'state', 'host']);
        break;
      case 'counter':
        if (trigger.host !== undefined) hosts.resolveAny(trigger.host, [...at, 'counter', 'host']);
        break;
      case 'received':
        useConn(trigger.conn, [...at, 'received', 'conn'], walk);
        break;
      case 'process':
        hosts.resolveLearner(
          trigger.host,
          [...at, 'process', 'host'],
          'a process trigger watches a learner program',
        );
        break;
      case 'step':
        if (steps.has(trigger.id)) break;
        errors.push(
          specError(
            'exercise/unknown-reference',
            [...at, 'step'],
            allStepIds.has(trigger.id)
              ? `step "${trigger.id}" comes later in the scenario; a step can only wait for an earlier one`
              : steps.unknownMessage(trigger.id),
          ),
        );
    }
  };

  const visit = (step: Step, at: SpecPointer, walk: Walk): void => {
    if (step.when !== undefined) checkTrigger(step.when, [...at, 'when'], walk);
    if (step.id !== undefined) {
      if (walk.repeat !== null) {
        errors.push(
          specError(
            'exercise/invalid-spec',
            [...at, 'id'],
            'steps inside repeat run many times and cannot have an id; give the repeat step the id',
          ),
        );
      } else {
        steps.declare(step.id, [...at, 'id']);
      }
    }
    const action = step.action;
    const field = (...keys: Array<string | number>): SpecPointer => [...at, action.kind, ...keys];
    switch (action.kind) {
      case 'connect':
      case 'puppet':
        hosts.resolvePeer(action.peer, field('peer'));
        hosts.resolveAny(action.to, field('to'));
        if (action.kind === 'connect') declareConn(action.as, field('as'), walk);
        break;
      case 'accept':
        hosts.resolvePeer(action.peer, field('peer'));
        declareConn(action.as, field('as'), walk);
        break;
      case 'listen':
      case 'crash':
      case 'reboot':
      case 'refuse':
      case 'blackhole':
        hosts.resolvePeer(action.peer, field('peer'));
        break;
      case 'send':
      case 'readLine':
      case 'readExactly':
      case 'readToEof':
      case 'echo':
      case 'shutdownWrite':
      case 'close':
      case 'abort':
      case 'pauseReading':
      case 'resumeReading':
        useConn(action.conn, field('conn'), walk);
        break;
      case 'udpBind':
        hosts.resolvePeer(action.peer, field('peer'));
        declareConn(action.as, field('as'), walk, udpSockets);
        break;
      case 'udpReceive':
      case 'udpSend':
      case 'udpClose':
        if (connName(action.socket, field('socket'), walk))
          udpSockets.resolve(
            action.socket,
            field('socket'),
            '(UDP sockets are named by an earlier udpBind "as")',
          );
        if (action.kind === 'udpSend' && action.to !== undefined) hosts.resolveAny(action.to, field('to'));
        break;
      case 'impairment':
        impairments.resolve(action.id, field('id'), 'in this scenario’s impairments');
        break;
      case 'start':
        if (
          hosts.resolveLearner(action.host, field('host'), 'start launches a learner program') &&
          !startModes.isManual(action.host)
        ) {
          errors.push(
            specError(
              'exercise/invalid-spec',
              field('host'),
              `"${action.host}" starts with the scenario (start: auto); declare it with start: manual to start it here`,
            ),
          );
        }
        break;
      case 'signal':
      case 'restart':
      case 'waitExit':
        hosts.resolveLearner(action.host, field('host'), `${action.kind} acts on a learner program`);
        break;
      case 'parallel':
        action.steps.forEach((inner, index) => visit(inner, field(index), walk));
        break;
      case 'repeat':
        if (walk.repeat !== null) {
          errors.push(
            specError(
              'exercise/invalid-spec',
              field(),
              `repeat inside repeat is not supported ({i} would be ambiguous); the outer repeat is at ${formatPath(walk.repeat.pointer)}`,
            ),
          );
          break;
        }
        action.steps.forEach((inner, index) =>
          visit(inner, field('steps', index), { repeat: { pointer: field(), count: action.count } }),
        );
        break;
    }
  };

  scenario.steps.forEach((step, index) => visit(step, [...pointer, 'steps', index], { repeat: null }));
  return { conns, steps };
}

function collectStepIds(steps: readonly Step[], into: Set<string>): void {
  for (const step of steps) {
    if (step.id !== undefined) into.add(step.id);
    if (step.action.kind === 'parallel' || step.action.kind === 'repeat')
      collectStepIds(step.action.steps, into);
  }
}
