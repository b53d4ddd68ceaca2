import type { LoginResult } from '../api/types';

/**
 * The signed-in session, kept in localStorage so new tabs stay signed in. Only the token
 * and what the header shows are kept; an expired session is dropped on read.
 */
export type Session = Pick<LoginResult, 'token' | 'expiresAt' | 'user' | 'tenant' | 'role'>;

const KEY = 'socklab.session';

export function readSession(storage: Storage, now: Date = new Date()): Session | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!isSession(parsed) || new Date(parsed.expiresAt) <= now) {
    storage.removeItem(KEY);
    return null;
  }
  return parsed;
}

export function writeSession(storage: Storage, login: LoginResult): Session {
  const session: Session = {
    token: login.token,
    expiresAt: login.expiresAt,
    user: login.user,
    tenant: login.tenant,
    role: login.role,
  };
  storage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(storage: Storage): void {
  storage.removeItem(KEY);
}

export const isStaff = (session: Pick<Session, 'role'> | null): boolean =>
  session?.role === 'owner' || session?.role === 'instructor';

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['token'] === 'string' &&
    typeof v['expiresAt'] === 'string' &&
    typeof v['role'] === 'string' &&
    typeof v['user'] === 'object' &&
    v['user'] !== null &&
    typeof v['tenant'] === 'object' &&
    v['tenant'] !== null
  );
}
