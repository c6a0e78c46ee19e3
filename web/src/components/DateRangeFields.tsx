/** From and To date fields (YYYY-MM-DD) of a filter form, editing one draft. */
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
      <TextField id={`${idPrefix}-from`} label="From (YYYY-MM-DD)" value={draft.from} onChange={(e) => onChange({ ...draft, from: e.target.value })} />
      <TextField id={`${idPrefix}-to`} label="To (YYYY-MM-DD)" value={draft.to} onChange={(e) => onChange({ ...draft, to: e.target.value })} />
    </>
  );
}
