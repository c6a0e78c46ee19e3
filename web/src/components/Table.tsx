import type { ReactNode } from 'react';
/** Shared table parts: column headers scoped for screen readers, and previous/next paging. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Pager({
  label,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  previousText = 'Previous page',
  nextText = 'Next page',
}: {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  previousText?: string;
  nextText?: string;
}) {
  return (
    <nav aria-label={label} className="display-flex flex-justify">
      <button type="button" className="usa-button usa-button--outline" disabled={!hasPrevious} onClick={onPrevious}>
        {previousText}
      </button>
      <button type="button" className="usa-button usa-button--outline" disabled={!hasNext} onClick={onNext}>
        {nextText}
      </button>
    </nav>
  );
}

/**
 * A table's own scrolling region: at phone width a wide table scrolls inside it instead of the page
 * scrolling sideways; it takes keyboard focus (so keyboard users can scroll it) and is named for screen readers.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
