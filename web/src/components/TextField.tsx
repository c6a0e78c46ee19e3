/** A labelled USWDS text input; the label's `for` ties it to the input for screen readers. */
import type { InputHTMLAttributes } from 'react';

export function TextField({ id, label, hint, ...input }: { id: string; label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input className="usa-input" id={id} name={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </>
  );
}
