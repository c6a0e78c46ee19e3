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
      <TextField id={`${idPrefix}-from`} label="From (YYYY-MM-DD)" {...field(draft.from, (from) => onChange({ ...draft, from }))} />
      <TextField id={`${idPrefix}-to`} label="To (YYYY-MM-DD)" {...field(draft.to, (to) => onChange({ ...draft, to }))} />
    </>
  );
}
