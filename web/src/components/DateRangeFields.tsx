/** From and To date fields of a filter form (typed as MM/DD/YYYY or YYYY-MM-DD), editing one draft. */
import { field } from './bind';
import { TextField } from './TextField';

export function DateRangeFields<T extends { from: string; to: string }>({
  idPrefix,
  draft,
  onChange,
}: {
  idPrefix: string;
  draft: T;
  onChange(next: T): void;
}) {
  return (
    <>
      <TextField id={`${idPrefix}-from`} label="From" hint="MM/DD/YYYY, e.g. 11/24/2026" {...field(draft.from, (from) => onChange({ ...draft, from }))} />
      <TextField id={`${idPrefix}-to`} label="To" hint="MM/DD/YYYY" {...field(draft.to, (to) => onChange({ ...draft, to }))} />
    </>
  );
}
