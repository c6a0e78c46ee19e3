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
