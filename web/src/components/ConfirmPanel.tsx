/**
 * The second question before an act that cannot be undone here (submit, certify, release): what it will do,
 * asked in a warning panel that takes focus, with the act's own words on the button and a way back.
 */
export function ConfirmPanel({
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
  testId = 'confirm',
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}) {
  return (
    <div className="usa-alert usa-alert--warning margin-top-2" data-testid={testId}>
      <div className="usa-alert__body">
        <h4 className="usa-alert__heading">{title}</h4>
        <p className="usa-alert__text">{text}</p>
        <button type="button" className="usa-button" ref={(el) => el?.focus()} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
