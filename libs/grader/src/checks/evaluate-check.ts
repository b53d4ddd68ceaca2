/** One check in one scenario: dispatch on the assertion's kind. */
import type { Check } from '@socklab/exercise';
import type { CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { evaluateCounter } from './counter';
import { evaluatePackets } from './packets';
import { evaluateProcess } from './process';
import { evaluateStatePath } from './state-path';
import { evaluateStream } from './stream';
import { evaluateSyscall } from './syscall';
import { evaluateTiming } from './timing';

export function evaluateCheck(check: Check, context: ScenarioContext): CheckOutcome {
  const assertion = check.assert;
  switch (assertion.kind) {
    case 'statePath':
      return evaluateStatePath(assertion, context);
    case 'packets':
      return evaluatePackets(assertion, context);
    case 'syscall':
      return evaluateSyscall(assertion, context);
    case 'process':
      return evaluateProcess(assertion, context);
    case 'timing':
      return evaluateTiming(assertion, context);
    case 'counter':
      return evaluateCounter(assertion, context);
    case 'stream':
      return evaluateStream(assertion, context);
  }
}
