import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { businessDate } from './business-date';
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
