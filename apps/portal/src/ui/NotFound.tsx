import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { ApiError } from '../api/api-error';
import { ErrorAlert, PageTitle } from './feedback';

/** What a missing page — or a page of another tenant or learner — looks like: nothing to see. */
export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <section>
      <PageTitle>Not found</PageTitle>
      <p>
        There is no such {what}, or it is not yours to see. <Link to={pathTo('exercises')}>Back to the exercises</Link>
      </p>
    </section>
  );
}

/** A page's data failed to load: "not found" for a 404 (never saying whether it exists elsewhere), else the error. */
export function LoadFailure({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.notFound) return <NotFound what={what} />;
  return <ErrorAlert error={error} title={`The ${what} could not be loaded.`} />;
}
