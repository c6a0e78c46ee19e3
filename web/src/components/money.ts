/** Integer cents shown as dollars; the web app never does money arithmetic. */
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(amountCents: number): string {
  return dollars.format(amountCents / 100);
}
