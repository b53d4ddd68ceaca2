import { z } from 'zod';

import { LanguageSchema } from '../languages';

/**
 * Self-test lifecycle: queued → running → passed | failed | error.
 * - passed: every reference solution scored full marks and every faulty solution failed
 *   exactly the checks its expectation lists (mustFail);
 * - failed: some solution broke that promise (see each result's `problems`);
 * - error: the self-test could not be carried out (runner or lab failure); it says
 *   nothing about the exercise, and may be requested again.
 */
export const SELF_TEST_STATUSES = ['queued', 'running', 'passed', 'failed', 'error'] as const;
export const SelfTestStatusSchema = z.enum(SELF_TEST_STATUSES);
export type SelfTestStatus = z.infer<typeof SelfTestStatusSchema>;

export function isFinishedSelfTest(status: SelfTestStatus): boolean {
  return status === 'passed' || status === 'failed' || status === 'error';
}

/** One check of one scenario, as a solution's lab run graded it. */
export const SelfTestCheckSchema = z.object({
  scenario: z.string(),
  id: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  message: z.string(),
});

/**
 * The outcome of one solution (one language of the reference or of a faulty solution),
 * as stored by the runner and returned by the API. Only instructors and owners see it:
 * it names the exercise's faulty solutions and hidden checks.
 */
export const SelfTestSolutionResultSchema = z.object({
  kind: z.enum(['reference', 'faulty']),
  /** 'reference', or the faulty solution's folder name. */
  name: z.string(),
  language: LanguageSchema,
  ok: z.boolean(),
  score: z.number(),
  maxScore: z.number(),
  gradable: z.boolean(),
  /** Checks that did not pass in some scenario, sorted. */
  failedChecks: z.array(z.string()),
  /** [] for the reference; the faulty solution's mustFail, sorted. */
  expectedFailures: z.array(z.string()),
  /** Why `ok` is false, one sentence each; [] when ok. */
  problems: z.array(z.string()),
  durationMs: z.number(),
  /** Whether it built, and the compiler's output (truncated) when it did not. */
  build: z.object({ ok: z.boolean(), output: z.string() }),
  checks: z.array(SelfTestCheckSchema),
});
export type SelfTestSolutionResult = z.infer<typeof SelfTestSolutionResultSchema>;
