import { formatOffset } from '../../ui/format';
import type { Ladder, LadderArrow } from './ladder-model';

/** One segment in words, for the diagram's live region and its table. */
export function describeArrow(
  arrow: LadderArrow,
  ladder: Ladder,
  endpointLabel: (endpoint: string) => string,
  t0: number,
  rows: number,
): string {
  const [from, to] = arrow.from === 'left' ? [ladder.left, ladder.right] : [ladder.right, ladder.left];
  const entered = ladder.marks
    .filter((m) => m.gap === arrow.row + 1)
    .map((m) => `${endpointLabel(m.side === 'left' ? ladder.left : ladder.right)} entered ${m.state}`);
  return [
    `Segment ${arrow.row + 1} of ${rows}, frame ${arrow.index}, at ${formatOffset(arrow.timeMs - t0)}:`,
    `${endpointLabel(from)} → ${endpointLabel(to)}`,
    `${arrow.label} ${arrow.detail} win=${arrow.window}${arrow.impairment ? `, ${arrow.impairment} by the lab network` : ''}.`,
    ...(entered.length > 0 ? [`Then ${entered.join('; ')}.`] : []),
  ].join(' ');
}

/** Colour family of a state: opening, open, closing, closed. */
export function stateTone(state: string): 'opening' | 'open' | 'closing' | 'closed' {
  if (state === 'LISTEN' || state === 'SYN_SENT' || state === 'SYN_RECEIVED') return 'opening';
  if (state === 'ESTABLISHED') return 'open';
  if (state === 'CLOSED' || state === 'TIME_WAIT') return 'closed';
  return 'closing';
}
