/**
 * A due date as the instructor types it in a datetime-local field ("2026-11-30T23:59", the
 * browser's local time) → the ISO instant the API takes. Pure.
 */
export type DueInput = { ok: true; dueAt: string | null } | { ok: false; message: string };

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

export function dueAtFromInput(value: string): DueInput {
  const text = value.trim();
  if (text === '') return { ok: true, dueAt: null };
  if (!LOCAL.test(text)) return { ok: false, message: `“${text}” is not a date and time (year-month-day, hours:minutes).` };
  // Without an offset, ECMAScript reads a date-time form as local time.
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return { ok: false, message: `“${text}” is not a date and time that exists.` };
  return { ok: true, dueAt: date.toISOString() };
}

/** A positive whole version number, or undefined (the newest) for an empty field. */
export function versionFromInput(value: string): { ok: true; version: number | undefined } | { ok: false; message: string } {
  const text = value.trim();
  if (text === '') return { ok: true, version: undefined };
  const version = Number(text);
  if (!Number.isInteger(version) || version < 1) return { ok: false, message: `Version “${text}” is not a whole number from 1.` };
  return { ok: true, version };
}
