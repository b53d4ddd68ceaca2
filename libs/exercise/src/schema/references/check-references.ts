/**
 * Cross-references of checks: the scenarios they cover exist, and every host, connection
 * and step they mention exists in each covered scenario.
 */
import type { Check } from '../checks';
import { specError, type SpecError, type SpecPointer } from '../errors';
import type { Namespace } from '../namespace';
import type { PacketPattern, SocketSelector, TimelineEvent } from '../observations';
import type { HostDirectory } from './host-directory';
import type { ScenarioNames } from './scenario-references';

export function validateCheckReferences(
  check: Check,
  pointer: SpecPointer,
  hosts: HostDirectory,
  scenarioIds: Namespace,
  scenarios: ReadonlyMap<string, ScenarioNames>,
  errors: SpecError[],
): void {
  const covered: string[] = [];
  (check.scenarios ?? [...scenarios.keys()]).forEach((id, index) => {
    if (check.scenarios === undefined || scenarioIds.resolve(id, [...pointer, 'scenarios', index]))
      covered.push(id);
  });

  const inEveryScenario = (kind: 'conns' | 'steps', name: string, at: SpecPointer) => {
    const missing = covered.filter((id) => !scenarios.get(id)?.[kind].has(name));
    if (missing.length === 0) return;
    const noun = kind === 'conns' ? 'connection' : 'step';
    errors.push(
      specError(
        'exercise/unknown-reference',
        at,
        `${noun} "${name}" does not exist in scenario ${missing.map((id) => `"${id}"`).join(', ')}; limit the check with scenarios: [...] or name it there`,
      ),
    );
  };

  const pattern = (value: PacketPattern | undefined, at: SpecPointer) => {
    if (value?.host !== undefined) hosts.resolveAny(value.host, [...at, 'host']);
  };
  const socket = (value: SocketSelector, at: SpecPointer) => hosts.resolveAny(value.host, [...at, 'host']);
  const event = (value: TimelineEvent, at: SpecPointer) => {
    const on = value.on;
    const field: SpecPointer = [...at, on.kind];
    switch (on.kind) {
      case 'packet':
        pattern(on, field);
        break;
      case 'state':
        socket(on, field);
        break;
      case 'process':
      case 'syscall':
        hosts.resolveLearner(on.host, [...field, 'host'], `${on.kind} events come from learner programs`);
        break;
      case 'step':
        inEveryScenario('steps', on.id, field);
        break;
      case 'scenario':
        break;
    }
  };

  const assertion = check.assert;
  const field: SpecPointer = [...pointer, assertion.kind];
  switch (assertion.kind) {
    case 'statePath':
      socket(assertion.socket, [...field, 'socket']);
      break;
    case 'packets':
      pattern(assertion.match, [...field, 'match']);
      if (assertion.order !== undefined) {
        pattern(assertion.order.first, [...field, 'order', 'first']);
        pattern(assertion.order.then, [...field, 'order', 'then']);
      }
      if (assertion.within !== undefined) {
        event(assertion.within.from, [...field, 'within', 'from']);
        event(assertion.within.to, [...field, 'within', 'to']);
      }
      break;
    case 'syscall':
    case 'process':
      if (assertion.kind === 'syscall')
        pattern(assertion.afterSegment?.match, [...field, 'afterSegment', 'match']);
      hosts.resolveLearner(
        assertion.host,
        [...field, 'host'],
        `${assertion.kind} checks observe learner programs`,
      );
      break;
    case 'timing':
      event(assertion.from, [...field, 'from']);
      event(assertion.to, [...field, 'to']);
      break;
    case 'counter':
      if (assertion.host !== undefined) hosts.resolveAny(assertion.host, [...field, 'host']);
      break;
    case 'stream': {
      inEveryScenario('conns', assertion.conn, [...field, 'conn']);
      const parts = assertion.equals ?? assertion.startsWith ?? assertion.endsWith ?? [];
      const partsKey = assertion.equals ? 'equals' : assertion.startsWith ? 'startsWith' : 'endsWith';
      parts.forEach((part, index) => {
        if (typeof part !== 'string' && 'sent' in part)
          inEveryScenario('conns', part.sent, [...field, partsKey, index, 'sent']);
        if (typeof part !== 'string' && 'address' in part)
          hosts.resolveAny(part.address, [...field, partsKey, index, 'address']);
      });
      break;
    }
  }
}
