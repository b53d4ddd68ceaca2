import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { useRouter, useSearchParam } from '../app/router';
import { ErrorAlert, PageTitle } from '../ui/feedback';
import { useSession } from './session-context';
import { afterSignIn } from './sign-in-target';

interface TenantChoice {
  slug: string;
  name: string;
}

export function SignInPage() {
  const { api, signIn } = useSession();
  const { navigate } = useRouter();
  const next = useSearchParam('next');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenants, setTenants] = useState<TenantChoice[] | null>(null);
  const [tenant, setTenant] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await api.login({ email, password, ...(tenant ? { tenant } : {}) });
      signIn(login);
      navigate(afterSignIn(next), { replace: true });
    } catch (failure) {
      const choices = tenantChoices(failure);
      if (choices) {
        setTenants(choices);
        setTenant(choices[0]?.slug ?? '');
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <PageTitle>Sign in to socklab</PageTitle>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {tenants && (
          <>
            <label htmlFor="tenant">Organisation</label>
            <select id="tenant" value={tenant} onChange={(e) => setTenant(e.target.value)}>
              {tenants.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
            <p className="hint">You belong to several organisations: choose one, then sign in again.</p>
          </>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error !== null && (
          <div id="sign-in-error">
            <ErrorAlert error={error} />
          </div>
        )}
      </form>
    </main>
  );
}

/** The organisations offered when the API answers `auth/tenant-required`. */
function tenantChoices(error: unknown): TenantChoice[] | null {
  if (!(error instanceof ApiError) || error.code !== 'auth/tenant-required') return null;
  const tenants = (error.details as { tenants?: TenantChoice[] } | undefined)?.tenants;
  return Array.isArray(tenants) ? tenants : null;
}
