import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/api-error';

/** An error as a person can act on it: the API's message, and its code for support. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div role="alert" className="alert alert-error">
      {title && <strong>{title} </strong>}
      {describeError(error)}
      {code && <span className="code-hint"> ({code})</span>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/**
 * The page's heading. It takes focus when the page appears, so keyboard and screen-reader
 * users start reading at the new page after a navigation.
 */
export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
