import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'building', 'running', 'grading', 'done', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * Every legal status change; anything else is refused (db: 'run/illegal-transition').
 * - Forward through the phases: queued → building → running → grading → done.
 * - failed (infrastructure trouble) and cancelled (by a person) from any live status.
 * - Back to queued from a phase when the runner holding the run was lost and the run is
 *   re-queued as a new attempt.
 * done, failed and cancelled are terminal.
 */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['building', 'failed', 'cancelled'],
  building: ['running', 'queued', 'failed', 'cancelled'],
  running: ['grading', 'queued', 'failed', 'cancelled'],
  grading: ['done', 'queued', 'failed', 'cancelled'],
  done: [],
  failed: [],
  cancelled: [],
};

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['done', 'failed', 'cancelled'];

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}
