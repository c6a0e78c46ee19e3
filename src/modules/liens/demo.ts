/**
 * Demo liens: the record tasks the policy gives every demo order, most of them already recorded (with
 * instrument numbers and fees), a few rejected by the recorder, the newest and a backlog still to record.
 */
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor';
import type { Tx } from '../../platform/db/connect';
import { addDays } from '../../platform/dates';
import { lienEvents, liens } from './schema';
import { generateRecordTasks } from './service';

export async function seedLiensDemo(tx: Tx, asOf: string): Promise<void> {
  await generateRecordTasks(tx, systemActor(), asOf);
  const rows = await tx.select({ id: liens.id, triggerDate: liens.triggerDate, countyFips: liens.countyFips }).from(liens).where(eq(liens.status, 'to_record'));
  for (const [i, lien] of rows.entries()) {
    // The last 45 days' tasks and a backlog of one in eight stay in the queue; the rest were recorded,
    // one in twenty rejected by the recorder first.
    if (lien.triggerDate >= addDays(asOf, -45) || i % 8 === 0) continue;
    const recordedOn = addDays(lien.triggerDate, 10 + (i % 30));
    const isRejected = i % 20 === 0;
    const change = isRejected
      ? { status: 'rejected' as const, rejectionReason: 'Illegible notary acknowledgment' }
      : {
          status: 'recorded' as const,
          recordedOn,
          instrumentNumber: `${recordedOn.slice(0, 4)}-${lien.countyFips.slice(2)}${String(100_000 + i).slice(1)}`,
          feeCents: 1_400,
        };
    await tx.update(liens).set(change).where(eq(liens.id, lien.id));
    await tx
      .insert(lienEvents)
      .values({ lienId: lien.id, status: change.status, detail: isRejected ? 'Rejected by the recorder (demo)' : `Recorded ${recordedOn} (demo)` });
  }
}
