/**
 * strace stamps lines with CLOCK_REALTIME (`--absolute-timestamps=format:unix,precision:ns`;
 * strace has no monotonic option). The runner records one (realtime, monotonic) pair when the
 * run starts and shifts every strace stamp by it: mono = real − (pair.realtimeNs − pair.monotonicNs).
 * A wall-clock step during the run (NTP) would shift strace events; runs last seconds, and
 * chrony/ntpd slew rather than step in that range.
 */

export interface ClockPair {
  realtimeNs: bigint;
  monotonicNs: bigint;
}

/**
 * Node exposes CLOCK_REALTIME only in milliseconds (Date.now()), so we wait for the moment
 * the millisecond ticks over: at that edge realtime is exactly `w` ms, give or take one loop
 * iteration (~0.2 µs), and we bracket it with two CLOCK_MONOTONIC readings (process.hrtime).
 * Busy-waits for at most ~1 ms per attempt; the narrowest of `attempts` brackets wins.
 */
export function sampleClockPair(attempts = 3): ClockPair {
  let best: { pair: ClockPair; width: bigint } | null = null;
  for (let i = 0; i < attempts; i++) {
    let before = process.hrtime.bigint();
    const start = Date.now();
    for (;;) {
      const wall = Date.now();
      const after = process.hrtime.bigint();
      if (wall !== start) {
        const width = after - before;
        const pair = { realtimeNs: BigInt(wall) * 1_000_000n, monotonicNs: before + width / 2n };
        if (!best || width < best.width) best = { pair, width };
        break;
      }
      before = after;
    }
  }
  return best!.pair;
}

export function realtimeToMonotonic(realtimeNs: bigint, pair: ClockPair): bigint {
  return realtimeNs - (pair.realtimeNs - pair.monotonicNs);
}

/** '1795256882.550362448' (any number of fraction digits ≤ 9) → nanoseconds, exactly. */
export function parseUnixStamp(text: string): bigint {
  const [sec, frac = ''] = text.split('.');
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9));
}
