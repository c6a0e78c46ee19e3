/**
 * A form that performs one action: its heading names it (and the form, for screen readers), errors show
 * above the fields, and the outcome is announced in a polite live region below the button.
 */
import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from './Page';

export function ActionForm({
  id,
  title,
  heading: Heading = 'h3',
  submitLabel,
  isPending,
  error,
  status,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  heading?: 'h3' | 'h4';
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  status: string;
  onSubmit(): void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="usa-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{title}</Heading>
      <ErrorAlert error={error} />
      {children}
      <button className="usa-button margin-top-2" type="submit" disabled={isPending}>
        {submitLabel}
      </button>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
