/**
 * Writes demo cases in chunks: each chunk is one transaction of multi-row inserts plus its audit
 * record. Ids are stable, so a re-run or a resumed run skips what is there.
 *
 * @example await seedDemoCases(db, keys, { cases: 2_000, seed: 1, asOf: '2026-10-31' }, (done) => bar.update(done));
 */
import { systemActor, type Actor } from '../../../platform/auth/actor';
import { recordAudit } from '../../../platform/audit/audit';
import type { Tx } from '../../../platform/db/connect';
import type { PiiKeys } from '../../../platform/pii/keys';
import { protectDriversLicense, protectSsn } from '../../../platform/pii/ssn';
import { readReferenceData } from '../reference';
import { insertCaseRows, type NewCaseRows } from '../store';
import type { CalendarDate } from '../../../platform/dates';
import type { JobProgress } from '../../../platform/jobs/runner';
import type { DemoCaseOptions, DemoCaseStep } from '../../../platform/module';
import { generateDemoCase, stableUuid, type DemoCase, type DemoCounty } from './generator';

export type DemoSeedOptions = DemoCaseOptions;

/** The default demo "today", fixed so that a seed gives the same data on any day. */
export const defaultDemoAsOf: CalendarDate = '2026-10-31';

export function demoCounties(): DemoCounty[] {
  return readReferenceData().lcsas.flatMap((l) =>
    l.counties.map((c) => ({ fips: c.fips, name: c.name, seat: c.seat, populationThousands: c.populationThousands, lcsaId: l.id })),
  );
}

/** A demo adult's California driver's licence number (a letter and seven digits), derived from the person's id. */
export function demoDriversLicense(personId: string): string {
  return `D${String(parseInt(personId.replace(/-/g, '').slice(0, 12), 16) % 10_000_000).padStart(7, '0')}`;
}

export function demoCaseRows(keys: PiiKeys, demo: DemoCase): NewCaseRows {
  const lcsaId = demo.lcsaId;
  return {
    caseRow: {
      id: demo.id,
      lcsaId,
      caseNumber: demo.caseNumber,
      countyFips: demo.countyFips,
      status: demo.status,
      openedOn: demo.openedOn,
      closedOn: demo.closedOn,
    },
    people: demo.people.map(({ role, ssn, ...person }) => {
      const stored = ssn ? protectSsn(keys, ssn) : null;
      const licence = role === 'child' ? null : protectDriversLicense(keys, demoDriversLicense(person.id));
      return {
        ...person,
        lcsaId,
        ssnCiphertext: stored?.ciphertext ?? null,
        ssnBlindIndex: stored?.blindIndex ?? null,
        ssnLast4: stored?.last4 ?? null,
        driversLicenseBlindIndex: licence?.blindIndex ?? null,
        driversLicenseLast4: licence?.last4 ?? null,
      };
    }),
    participants: demo.people.map((p) => ({ id: stableUuid('participant', demo.id, p.id, p.role), lcsaId, caseId: demo.id, personId: p.id, role: p.role })),
    assistance: demo.assistance.map((a) => ({ ...a, lcsaId, caseId: demo.id })),
    orders: demo.order
      ? [
          {
            id: demo.order.id,
            lcsaId,
            caseId: demo.id,
            courtOrderNumber: demo.order.courtOrderNumber,
            courtCountyFips: demo.order.courtCountyFips,
            orderType: demo.order.orderType,
            issuedOn: demo.order.issuedOn,
          },
        ]
      : [],
    terms: demo.order ? demo.order.terms.map((t) => ({ ...t, lcsaId, orderId: demo.order!.id })) : [],
  };
}

/** Generates and inserts one chunk of demo cases [from, to); returns how many were new. */
export async function seedDemoChunk(
  tx: Tx,
  keys: PiiKeys,
  counties: DemoCounty[],
  options: DemoSeedOptions,
  from: number,
  to: number,
  actor: Actor = systemActor(),
  steps: readonly DemoCaseStep[] = [],
): Promise<number> {
  const demos: DemoCase[] = [];
  for (let index = from; index < to; index++) demos.push(generateDemoCase(counties, { seed: options.seed, index, asOf: options.asOf }));
  const inserted = await insertCaseRows(
    tx,
    demos.map((demo) => demoCaseRows(keys, demo)),
  );
  for (const step of steps) await step.seedCases(tx, demos, options);
  await recordAudit(tx, actor, { action: 'demo.seed_chunk', entityType: 'case', detail: { seed: options.seed, from, to, inserted } });
  return inserted;
}

export type ChunkCommitter = (work: (tx: Tx) => Promise<JobProgress>) => Promise<void>;

/** Another module's demo data for the same cases (e.g. finance's collections), written in the chunk's transaction. */
export interface DemoChunkExtension extends DemoCaseStep {
  seedCases(tx: Tx, cases: readonly DemoCase[], options: DemoSeedOptions): Promise<void>;
}

/**
 * Seeds `options.cases` demo cases from `startIndex`, one committed chunk at a time; the committer
 * decides the transaction and where progress goes (a job's row, or a CLI progress bar).
 */
export async function runDemoSeed(keys: PiiKeys, options: DemoSeedOptions, commitChunk: ChunkCommitter, steps: readonly DemoCaseStep[] = []): Promise<void> {
  const counties = demoCounties();
  const chunkSize = options.chunkSize ?? 250;
  for (let from = options.startIndex ?? 0; from < options.cases; from += chunkSize) {
    const to = Math.min(options.cases, from + chunkSize);
    await commitChunk(async (tx) => {
      await seedDemoChunk(tx, keys, counties, options, from, to, systemActor(), steps);
      return { done: to, total: options.cases, note: `${to} of ${options.cases} demo cases`, checkpoint: { nextIndex: to } };
    });
  }
}
