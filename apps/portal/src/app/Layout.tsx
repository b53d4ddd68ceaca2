import type { ReactNode } from 'react';
import { useSession } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { NavClaimProvider, useClaimedNavSection } from './nav-claim';
import { navSection, type NavSection } from './nav-sections';
import { Link, useRouter } from './router';
import { matchRoute, pathTo } from './routes';

/**
 * Header with the main navigation, then the page; a skip link jumps straight to the page.
 * The page's item is highlighted: its route's, or the one the page claims (nav-claim.tsx).
 */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <NavClaimProvider>
      <Shell>{children}</Shell>
    </NavClaimProvider>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { location } = useRouter();
  const current = navSection(matchRoute(location.pathname)?.name ?? null, useClaimedNavSection());
  const item = (section: NavSection, label: string) => (
    <li>
      <Link to={pathTo(section)} aria-current={section === current ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={pathTo('exercises')} className="brand">
          socklab
        </Link>
        <nav aria-label="Main">
          <ul>
            {item('exercises', 'Exercises')}
            {item('runs', isStaff(session) ? 'Runs' : 'My runs')}
            {item('playground', 'Playground')}
            {isStaff(session) && item('courses', 'Courses')}
            {isStaff(session) && item('author', 'Author')}
          </ul>
        </nav>
        {session && (
          <div className="who">
            <span>
              {session.user.displayName} · {session.tenant.name} · {session.role}
            </span>
            <button type="button" className="button-quiet" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
