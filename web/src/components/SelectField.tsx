/** A labelled USWDS select with its options; the label's `for` ties it to the select for screen readers. */
import type { SelectHTMLAttributes } from 'react';

export function SelectField({
  id,
  label,
  options,
  ...select
}: { id: string; label: string; options: readonly { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select className="usa-select" id={id} name={id} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
