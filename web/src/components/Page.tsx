/**
 * Every page: its document title and its one h1. After a navigation inside the app the h1 takes focus,
 * so screen readers announce the new page; on a fresh load focus stays at the top, where the skip link is.
 */
import { Link, type LinkProps } from '@tanstack/react-router';
import { useEffect, useRef, type ReactNode } from 'react';

let isFirstPageOfLoad = true;

export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Concord`;
    if (!isFirstPageOfLoad) heading.current?.focus();
    isFirstPageOfLoad = false;
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="margin-top-0">
        {title}
      </h1>
      {intro ? <p className="usa-intro">{intro}</p> : null}
      {children}
    </>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{message}</p>
      </div>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/**
 * A record's own page: its title once it is loaded, the way back to its list, the loading and error states, and
 * what to say when the address names no such record.
 */
export function RecordPage<T>({
  noun,
  query,
  record,
  title,
  back,
  children,
}: {
  /** What the record is, capitalised ("Payoff demand"): the title until it is loaded. */
  noun: string;
  query: { error: unknown; isPending: boolean };
  record: T | undefined;
  title(record: T): string;
  back?: { to: LinkProps['to']; label: string };
  children(record: T): ReactNode;
}) {
  return (
    <Page title={record ? title(record) : noun} intro="">
      {back ? (
        <p>
          <Link to={back.to} className="usa-link">
            {back.label}
          </Link>
        </p>
      ) : null}
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what={`the ${noun.toLowerCase()}`} /> : null}
      {!query.isPending && !query.error && !record ? <p>There is no such {noun.toLowerCase()}.</p> : null}
      {record ? children(record) : null}
    </Page>
  );
}
