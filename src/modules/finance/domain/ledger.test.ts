import { describe, expect, it } from 'vitest';
import { Ledger, totalOf } from './ledger';

describe('Ledger (columnar entries)', () => {
  it('numbers entries in the order written and builds them as objects on request', () => {
    const ledger = new Ledger('case-1');
    ledger.open('2024-01-01', 'charge', 'o1:2024-01-01').debit('principal_receivable:o1', 50_000).credit('support_charged:o1', 50_000).close();
    ledger.open('2024-01-15', 'collection', 'r1').debit('collections_received', 20_000).credit('principal_receivable:o1', 20_000).close();
    expect(ledger.length).toBe(2);
    const postings = (...pairs: [string, number][]) => pairs.map(([account, amountCents]) => ({ account, amountCents }));
    expect(ledger.entries()).toEqual([
      {
        id: 'case-1:1',
        date: '2024-01-01',
        kind: 'charge',
        ref: 'o1:2024-01-01',
        postings: postings(['principal_receivable:o1', 50_000], ['support_charged:o1', -50_000]),
      },
      {
        id: 'case-1:2',
        date: '2024-01-15',
        kind: 'collection',
        ref: 'r1',
        postings: postings(['collections_received', 20_000], ['principal_receivable:o1', -20_000]),
      },
    ]);
    expect(ledger.dateOf(1)).toBe('2024-01-15');
    expect(ledger.kindOf(0)).toBe('charge');
  });

  it('drops postings of zero and keeps the rest in order', () => {
    const ledger = new Ledger('c');
    ledger.open('2024-02-01', 'distribution', 'r1').debit('collections_distributed', 100).credit('payable:family', 0).credit('payable:state', 100).close();
    expect(ledger.entry(0).postings).toEqual([
      { account: 'collections_distributed', amountCents: 100 },
      { account: 'payable:state', amountCents: -100 },
    ]);
    ledger.open('2024-02-02', 'charge', 'x').debit('a', 5).credit('b', 5).close();
    expect(ledger.entry(1).postings.map((p) => p.account)).toEqual(['a', 'b']);
  });

  it('fills a reserved debit once the credits are known, and discards an entry that moved nothing', () => {
    const ledger = new Ledger('c');
    const slot = ledger.open('2024-03-31', 'futures_applied', 'arrears').reserve('futures_held');
    ledger.credit('principal_receivable:o1', 300).credit('interest_receivable:o1', 40);
    ledger.fill(slot, 340);
    ledger.close();
    ledger.open('2024-04-30', 'futures_applied', 'arrears').reserve('futures_held');
    ledger.discard();
    ledger.open('2024-05-01', 'charge', 'o1:2024-05-01').debit('principal_receivable:o1', 1).credit('support_charged:o1', 1).close();
    expect(ledger.entries().map((e) => [e.id, e.date, e.postings.length])).toEqual([
      ['c:1', '2024-03-31', 3],
      ['c:2', '2024-05-01', 2],
    ]);
    expect(ledger.entry(0).postings[0]).toEqual({ account: 'futures_held', amountCents: 340 });
  });

  it('refuses an entry whose postings do not balance or are not whole cents, and one opened inside another', () => {
    expect(() => new Ledger('c').open('2024-01-01', 'charge', 'x').debit('a', 10).credit('b', 9).close()).toThrow(/entry c:1 postings sum to 1, not 0/);
    expect(() => new Ledger('c').open('2024-01-01', 'charge', 'x').debit('a', 0.5).credit('b', 0.5).close()).toThrow(
      /posting a of entry c:1 is not whole cents/,
    );
    const ledger = new Ledger('c');
    ledger.open('2024-01-01', 'charge', 'x').debit('a', 1);
    expect(() => ledger.open('2024-01-02', 'charge', 'y')).toThrow(/before the one on 2024-01-01 was closed/);
  });

  it('sums balances by account, up to a date', () => {
    const ledger = new Ledger('c');
    ledger.open('2024-01-01', 'charge', 'x').debit('principal_receivable:o1', 500).credit('support_charged:o1', 500).close();
    ledger.open('2024-01-01', 'charge', 'y').debit('principal_receivable:o2', 300).credit('support_charged:o2', 300).close();
    ledger.open('2024-02-10', 'collection', 'r').debit('collections_received', 200).credit('principal_receivable:o1', 200).close();
    expect(totalOf(ledger.balances(), 'principal_receivable:')).toBe(600);
    expect(totalOf(ledger.balances('2024-01-31'), 'principal_receivable:')).toBe(800);
    expect(ledger.balances().get('collections_received')).toBe(200);
  });
});
