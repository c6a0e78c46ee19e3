/**
 * The header's one search box (USWDS small search). Submitting opens the results page with the text in
 * its address, so a search can be repeated from the browser's history or shared with a colleague.
 */
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';

export function HeaderSearch() {
  const navigate = useNavigate();
  const current = useRouterState({ select: (s) => (s.location.pathname === '/search' ? String((s.location.search as { q?: string }).q ?? '') : '') });
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim().length > 0) void navigate({ to: '/search', search: { q: text.trim() } });
  };
  return (
    <section aria-label="Search Concord">
      <form className="usa-search usa-search--small" role="search" onSubmit={submit}>
        <label className="usa-sr-only" htmlFor="header-search">
          Search cases, people, orders, receipts and claims
        </label>
        <input
          className="usa-input"
          id="header-search"
          type="search"
          name="q"
          value={text}
          maxLength={100}
          placeholder="Name, case no., 1234 05/02/1980"
          onChange={(e) => setText(e.target.value)}
        />
        <button className="usa-button" type="submit" aria-label="Search">
          <span className="header-search__label">Search</span>
        </button>
      </form>
    </section>
  );
}
