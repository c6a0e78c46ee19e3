/** The results of the header's search: each hit says what it is and opens its page. */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { SearchResult } from '../../../../src/platform/search/contract';
import { client, must } from '../../api';
import { ErrorAlert, Loading, Page } from '../../components/Page';

const kindLabels: Record<SearchResult['items'][number]['kind'], string> = {
  case: 'Case',
  person: 'Person',
  order: 'Court order',
  receipt: 'Receipt',
  insurer_claim: 'Insurer claim',
};

export function SearchPage({ q }: { q: string }) {
  const text = q.trim();
  const results = useQuery({
    queryKey: ['search', text],
    queryFn: () => must(client.POST('/api/search', { body: { q: text, limit: 30 } })),
    enabled: text.length >= 2,
    staleTime: 30_000,
  });
  const title = text ? `Search results for “${text}”` : 'Search';
  return (
    <Page
      title={title}
      intro="Case, order, receipt and insurer claim numbers (or their first characters), a person's name, or the last four digits of an SSN with the date of birth."
    >
      {text.length < 2 ? <p>Type at least two characters in the search box at the top of the page.</p> : null}
      {results.isPending && text.length >= 2 ? <Loading what="results" /> : null}
      <ErrorAlert error={results.error} />
      {results.data ? <Results result={results.data} /> : null}
    </Page>
  );
}

function Results({ result }: { result: SearchResult }) {
  return (
    <>
      {result.hint ? (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result.hint}</p>
          </div>
        </div>
      ) : null}
      <p role="status" data-testid="search-count">
        {result.items.length === 0
          ? 'Nothing found in your scope.'
          : `${result.items.length} found${result.items.length >= 30 ? ' (the best 30: add to the search to narrow it)' : ''}.`}
      </p>
      <ul className="usa-collection" aria-label="Search results">
        {result.items.map((hit) => (
          <li key={`${hit.kind}-${hit.id}`} className="usa-collection__item">
            <div className="usa-collection__body">
              <h2 className="usa-collection__heading">
                <Link to={hit.href} className="usa-link">
                  {hit.title}
                </Link>
              </h2>
              <p className="usa-collection__description">{hit.detail}</p>
              <ul className="usa-collection__meta" aria-label="About this result">
                <li className="usa-collection__meta-item usa-tag">{kindLabels[hit.kind]}</li>
                {hit.score < 1 && hit.kind === 'person' ? <li className="usa-collection__meta-item">similar name</li> : null}
              </ul>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
