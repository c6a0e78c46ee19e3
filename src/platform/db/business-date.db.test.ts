import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { businessDate, onBusinessDates } from './business-date';
import { queryRows } from './rows';
import { inTransaction } from './transaction';

const { db } = await useTestDatabase();

describe('businessDate', () => {
  it('gives the California date of a timestamp whatever the session’s time zone', async () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      const [row] = await inTransaction(db, async (tx) => {
        await tx.execute(sql.raw(`set local time zone '${zone}'`));
        // 07:30 UTC on 1 March is 23:30 on 28 February in California (and already 16:30 on 1 March in Tokyo).
        return queryRows<{ day: string; naive: string }>(
          tx,
          sql`select ${businessDate(sql`'2026-03-01T07:30:00Z'::timestamptz`)}::text as day, ('2026-03-01T07:30:00Z'::timestamptz)::date::text as naive`,
        );
      });
      expect(row!.day, zone).toBe('2026-02-28');
      if (zone === 'UTC') expect(row!.naive).toBe('2026-03-01');
    }
  });
});

describe('onBusinessDates', () => {
  it('bounds a timestamp by California days, whatever the session’s time zone', async () => {
    // 05:00 UTC on 15 January is 21:00 on the 14th in California.
    const at = sql`'2026-01-15T05:00:00Z'::timestamptz`;
    for (const zone of ['UTC', 'Asia/Tokyo']) {
      const [row] = await inTransaction(db, async (tx) => {
        await tx.execute(sql.raw(`set local time zone '${zone}'`));
        return queryRows<{ on14: boolean; on15: boolean; from14: boolean; to13: boolean }>(
          tx,
          sql`select ${onBusinessDates(at, '2026-01-14', '2026-01-14')} as on14, ${onBusinessDates(at, '2026-01-15', '2026-01-15')} as on15,
                     ${onBusinessDates(at, '2026-01-14')} as from14, ${onBusinessDates(at, undefined, '2026-01-13')} as to13`,
        );
      });
      expect(row, zone).toEqual({ on14: true, on15: false, from14: true, to13: false });
    }
    expect(onBusinessDates(at)).toBeUndefined();
  });
});
