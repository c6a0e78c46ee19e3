/** Integer cents shown as dollars; the web app never does money arithmetic. */
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(amountCents: number): string {
  return dollars.format(amountCents / 100);
}

/** Integer cents as the text of a dollar input ("-1200.05"): no currency sign, no grouping. */
export function centsToInput(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const cents = Math.abs(amountCents);
  return `${sign}${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * "1,234.5" → 123450 cents, without floating point; null when it is not a dollar amount. Amounts that may be
 * negative (a prior-quarter adjustment: "-1,200.00" or "(1,200.00)") and larger ones are asked for by option.
 */
export function parseDollarsToCents(text: string, options: { signed?: boolean; maxDollarDigits?: number } = {}): number | null {
  const digits = options.maxDollarDigits ?? 7;
  const trimmed = text.replace(/,/g, '').trim();
  const negative = options.signed === true && /^(-|\(.*\)$)/.test(trimmed);
  const unsigned = negative ? trimmed.replace(/^-|^\(|\)$/g, '') : trimmed;
  const match = new RegExp(`^\\$?(\\d{1,${digits}})(?:\\.(\\d{1,2}))?$`).exec(unsigned);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return negative ? -cents : cents;
}
