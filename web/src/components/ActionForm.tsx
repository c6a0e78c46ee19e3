/**
 * A form that performs one action: its heading names it (and the form, for screen readers), errors show
 * above the fields, and the outcome is announced in a polite live region below the button.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { ConfirmPanel } from './ConfirmPanel';
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
  confirm,
  isWide = false,
  children,
}: {
  id: string;
  title: string;
  heading?: 'h2' | 'h3' | 'h4';
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  status: string;
  onSubmit(): void;
  /** Asked once more before the act is done (an act that cannot be undone here): what it will do. */
  confirm?: { title: string; text: string; confirmLabel: string };
  /** A form laid out as a table (amounts by line): as wide as the page, not a column of fields. */
  isWide?: boolean;
  children: ReactNode;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (confirm) setConfirming(true);
    else onSubmit();
  };
  return (
    <form className={isWide ? 'usa-form concord-form--wide' : 'usa-form'} onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{title}</Heading>
      <ErrorAlert error={error} />
      {children}
      <button className="usa-button margin-top-2" type="submit" disabled={isPending}>
        {submitLabel}
      </button>
      {confirm && isConfirming ? (
        <ConfirmPanel
          {...confirm}
          onConfirm={() => {
            setConfirming(false);
            onSubmit();
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
