import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { HttpClient } from '../api/http-client';
import { SocklabApi } from '../api/socklab-api';
import type { LoginResult } from '../api/types';
import { clearSession, readSession, writeSession, type Session } from './stored-session';

interface SessionValue {
  session: Session | null;
  api: SocklabApi;
  signIn(login: LoginResult): void;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Holds the session and the API client that sends its token. A 401 from the API ends
 * the session (the token expired or was revoked): the app then shows the sign-in page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession(window.localStorage));
  const signOut = useCallback(() => {
    clearSession(window.localStorage);
    setSession(null);
  }, []);
  const api = useMemo(
    () =>
      new SocklabApi(
        new HttpClient({
          token: () => readSession(window.localStorage)?.token ?? null,
          onUnauthenticated: signOut,
        }),
      ),
    [signOut],
  );
  const signIn = useCallback((login: LoginResult) => setSession(writeSession(window.localStorage, login)), []);
  const value = useMemo(() => ({ session, api, signIn, signOut }), [session, api, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** The signed-in session; only for pages rendered behind the sign-in gate. */
export function useSignedIn(): Session & { api: SocklabApi } {
  const { session, api } = useSession();
  if (!session) throw new Error('useSignedIn() on a page shown without a session');
  return { ...session, api };
}
