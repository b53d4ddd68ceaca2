import type { ReactNode } from 'react';
import { useSession } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { Link, useRouter } from './router';
import { matchRoute, pathTo, type RouteName } from './routes';

/** Header with the main navigation, then the page; a skip link jumps straight to the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { location } = useRouter();
  const current = matchRoute(location.pathname)?.name;
  const item = (name: RouteName, label: string, section: RouteName[]) => (
    <li>
      <Link to={pathTo(name)} aria-current={current && section.includes(current) ? 'page' : undefined}>
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
            {item('exercises', 'Exercises', ['exercises', 'exercise', 'exerciseResults', 'selfTest'])}
            {item('runs', isStaff(session) ? 'Runs' : 'My runs', ['runs', 'run'])}
            {item('playground', 'Playground', ['playground'])}
            {isStaff(session) && item('courses', 'Courses', ['courses'])}
            {isStaff(session) && item('author', 'Author', ['author'])}
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
