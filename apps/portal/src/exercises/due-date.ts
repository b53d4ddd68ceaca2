/** How a due date reads relative to now: "due in 3 days", "past due". Pure. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DueNote {
  text: string;
  past: boolean;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** null when there is no due date or it cannot be read. */
export function dueNote(dueAt: string | null, now: number): DueNote | null {
  if (dueAt === null) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (left < 0) return { text: 'past due', past: true };
  if (left < MINUTE) return { text: 'due in less than a minute', past: false };
  if (left < HOUR) return { text: `due in ${plural(Math.floor(left / MINUTE), 'minute')}`, past: false };
  if (left < DAY) return { text: `due in ${plural(Math.floor(left / HOUR), 'hour')}`, past: false };
  return { text: `due in ${plural(Math.floor(left / DAY), 'day')}`, past: false };
}
