/** The most attempts an assignment may allow (the API refuses more: request/invalid). */
export const MAX_ATTEMPTS_LIMIT = 1000;

export type AttemptsInput = { ok: true; maxAttempts: number | null } | { ok: false; message: string };

/**
 * The publish form's "Maximum attempts" field → the API's `maxAttempts`: empty is
 * unlimited (null), else a whole number from 1 to MAX_ATTEMPTS_LIMIT written in digits.
 * Pure.
 */
export function maxAttemptsFromInput(value: string): AttemptsInput {
  const text = value.trim();
  if (text === '') return { ok: true, maxAttempts: null };
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= MAX_ATTEMPTS_LIMIT)) {
    return {
      ok: false,
      message: `Maximum attempts: “${text}” is not a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}. Leave it empty for unlimited attempts.`,
    };
  }
  return { ok: true, maxAttempts: count };
}
