/**
 * A member's attempts at an assignment as the portal shows them: the count alone when
 * unlimited (`maxAttempts` null), else "used / max", noting when none is left (the API
 * then refuses submissions with 409 assignment/attempts-exhausted). Pure.
 */
export function attemptsText(attempts: number, maxAttempts: number | null): string {
  if (maxAttempts === null) return String(attempts);
  const used = `${attempts} / ${maxAttempts}`;
  return attempts >= maxAttempts ? `${used} (none left)` : used;
}
