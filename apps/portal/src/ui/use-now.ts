import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active` (for ticking elapsed times). */
export function useNow(intervalMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return active ? now : Date.now();
}
