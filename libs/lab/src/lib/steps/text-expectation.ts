/** `expect` / `matches` of reading steps: a mismatch fails the step, quoting what arrived. */
import { StepFailure } from './step-failure';

export function expectText(
  actual: string,
  expect: string | undefined,
  matches: string | undefined,
  what: string,
): void {
  if (expect !== undefined && actual !== expect) {
    throw new StepFailure(
      'failed',
      `expected ${what} to be ${JSON.stringify(expect)}, got ${JSON.stringify(clip(actual))}`,
    );
  }
  if (matches !== undefined && !new RegExp(matches).test(actual)) {
    throw new StepFailure(
      'failed',
      `expected ${what} to match /${matches}/, got ${JSON.stringify(clip(actual))}`,
    );
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}
