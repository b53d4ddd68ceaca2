/**
 * The settle window after a scenario's last step: the lab keeps observing (final ACKs,
 * a late RST, TIME_WAIT in the socket snapshot) for at most `maxMs`.
 *
 * It ends sooner once `ended()` holds — every TCP connection has ended on both sides — and
 * nothing at all (no frame, transition, output or exit) has happened for `quietMs`: after
 * that nothing more can cross the link unless a program starts something new, which a
 * quiet period that long would have shown begun. `quietMs` exceeds Linux's smallest
 * delayed-ACK timeout (40 ms, TCP_DELACK_MIN), so a pending ACK is not cut off.
 */
import type { ChangeBus } from '../steps/change-bus';

/** How long the lab must have seen nothing happen before it ends the settle window early. */
export const SETTLE_QUIET_MS = 60;

export interface SettleInput {
  bus: ChangeBus;
  maxMs: number;
  /** True when the scenario's traffic is over (see SocketBook.connectionsEnded). */
  ended: () => boolean;
  /** Rejects on abort: the window ends at once. */
  abort: Promise<never>;
  quietMs?: number;
}

/** Resolves when the window is over: `maxMs` elapsed, quiet after the end, or aborted. */
export function settle(input: SettleInput): Promise<void> {
  const quietMs = input.quietMs ?? SETTLE_QUIET_MS;
  return new Promise<void>((resolve) => {
    let quietTimer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(maxTimer);
      clearTimeout(quietTimer);
      unsubscribe();
      resolve();
    };
    // Every change restarts the quiet period; it only counts once the traffic has ended.
    const onChange = (): void => {
      clearTimeout(quietTimer);
      if (input.ended()) quietTimer = setTimeout(() => (input.ended() ? finish() : undefined), quietMs);
    };
    const maxTimer = setTimeout(finish, input.maxMs);
    const unsubscribe = input.bus.subscribe(onChange);
    input.abort.catch(finish);
    onChange();
  });
}
