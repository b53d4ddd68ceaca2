import { lazy, Suspense, useEffect } from 'react';
import { SessionProvider, useSession } from '../auth/session-context';
import { SignInPage } from '../auth/SignInPage';
import { isStaff } from '../auth/stored-session';
import { ExerciseListPage } from '../exercises/ExerciseListPage';
import { RunHistoryPage } from '../runs/RunHistoryPage';
import { RunPage } from '../runs/RunPage';
import { Loading } from '../ui/feedback';
import { NotFound } from '../ui/NotFound';
import { Layout } from './Layout';
import { RouterProvider, useRouter } from './router';
import { matchRoute, pathTo, type RouteMatch } from './routes';

// The editor pages carry CodeMirror; they load on demand so the run view stays light.
const ExercisePage = lazy(() => import('../exercises/ExercisePage'));
const AuthorPage = lazy(() => import('../instructor/AuthorPage'));
const ResultsPage = lazy(() => import('../instructor/ResultsPage'));
const CoursesPage = lazy(() => import('../instructor/CoursesPage'));
const SelfTestPage = lazy(() => import('../instructor/SelfTestPage'));
const PlaygroundPage = lazy(() => import('../playground/PlaygroundPage'));

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </RouterProvider>
  );
}

function Pages() {
  const { session } = useSession();
  const { location, navigate } = useRouter();
  const match = matchRoute(location.pathname);
  const signingIn = match?.name === 'signIn';

  useEffect(() => {
    if (!session && !signingIn) {
      const next = `${location.pathname}${location.search}`;
      navigate(`${pathTo('signIn')}?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [session, signingIn, location, navigate]);

  if (signingIn || !session) return <SignInPage />;
  return (
    <Layout>
      <Suspense fallback={<Loading what="the page" />}>
        <Page match={match} staff={isStaff(session)} />
      </Suspense>
    </Layout>
  );
}

function Page({ match, staff }: { match: RouteMatch | null; staff: boolean }) {
  switch (match?.name) {
    case 'exercises':
      return <ExerciseListPage />;
    case 'exercise':
      return <ExercisePage key={match.params['id']} exerciseId={match.params['id']} />;
    case 'runs':
      return <RunHistoryPage />;
    case 'run':
      return <RunPage key={match.params['id']} runId={match.params['id']} />;
    case 'playground':
      return <PlaygroundPage />;
    case 'author':
      return staff ? <AuthorPage /> : <NotFound />;
    case 'exerciseResults':
      return staff ? <ResultsPage key={match.params['id']} exerciseId={match.params['id']} /> : <NotFound />;
    case 'selfTest':
      return staff ? (
        <SelfTestPage
          key={`${match.params['id']}/${match.params['version']}`}
          exerciseId={match.params['id']}
          version={match.params['version']}
        />
      ) : (
        <NotFound />
      );
    case 'courses':
      return staff ? <CoursesPage /> : <NotFound />;
    default:
      return <NotFound />;
  }
}
