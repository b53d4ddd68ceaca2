/**
 * Connections opened inside `repeat` are named with `{i}` (`as: 'c{i}'`): iteration k names
 * its connection with k in place of `{i}`. A check that names the template ("c{i}") speaks
 * of every iteration's connection, c0 … c(count−1), whether or not each was opened.
 */
import type { Scenario, Step } from '@socklab/exercise';

export const REPEAT_INDEX = '{i}';

export function isRepeatTemplate(name: string): boolean {
  return name.includes(REPEAT_INDEX);
}

/** `text` with every `{i}` replaced by the iteration number. */
export function forIteration(text: string, index: number): string {
  return text.split(REPEAT_INDEX).join(String(index));
}

/**
 * How many iterations open the connection named `template`: the count of the innermost
 * `repeat` around the connect/accept that declares it; undefined when no step declares it.
 */
export function repeatCountOf(scenario: Scenario, template: string): number | undefined {
  const search = (steps: readonly Step[], count: number | undefined): number | undefined => {
    for (const step of steps) {
      const action = step.action;
      if (action.kind === 'repeat') {
        const found = search(action.steps, action.count);
        if (found !== undefined) return found;
      } else if (action.kind === 'parallel') {
        const found = search(action.steps, count);
        if (found !== undefined) return found;
      } else if ((action.kind === 'connect' || action.kind === 'accept') && action.as === template) {
        return count;
      }
    }
    return undefined;
  };
  return search(scenario.steps, undefined);
}
