/**
 * Points in hundredths, so shares add up exactly: a check worth P over n scenarios gives
 * each scenario floor(100·P / n) hundredths, and the first (100·P mod n) scenarios one
 * hundredth more (10 points over 3 scenarios: 3.34 + 3.33 + 3.33).
 */
export function sharesInCents(points: number, scenarios: number): number[] {
  const cents = Math.round(points * 100);
  const base = Math.floor(cents / scenarios);
  const remainder = cents - base * scenarios;
  return Array.from({ length: scenarios }, (_, i) => base + (i < remainder ? 1 : 0));
}

export const fromCents = (cents: number): number => cents / 100;
