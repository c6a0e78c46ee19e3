/** Integer cents shown as dollars; the web app never does money arithmetic. */
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(amountCents: number): string {
  return dollars.format(amountCents / 100);
}

/** "1,234.5" → 123450 cents, without floating point; null when it is not a dollar amount. */
export function parseDollarsToCents(text: string): number | null {
  const match = /^\$?(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, '').trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
