/**
 * A large claim file is committed in chunks and published at the end: while it imports, its matches are
 * seen by no one (no review item, no compliance count); an import that stops part-way (a crash, a broken
 * stream) resumes after its last committed line when the same file is sent again, with the same result
 * as one clean import; and a file another import holds answers 409.
 */
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from '../../../test/app';
import { systemActor } from '../../platform/auth/actor';
import { queryRows } from '../../platform/db/rows';
import { inTransaction } from '../../platform/db/transaction';
import { importClaimFile } from './intake';
import { takeImportLease } from './store';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const keys = app.concord.piiKeys;
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Chunked Mutual',
  naicCode: '70707',
  fein: '70-7070707',
  linesOfBusiness: ['liability'],
  channel: 'direct',
});
const obligor = { ...makeNewCase().obligor, firstName: 'Evangelina', lastName: 'Szczepanski', ssn: '901-77-2468', dateOfBirth: '1984-02-29', zip: '90012' };
await openCaseWithOrder(app, worker.headers, {}, { obligor });
expect((await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers })).statusCode).toBe(200);

const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
/** 3,000 lines: every 500th the obligor's (a match), one in a hundred refused (a bad date), the rest strangers. */
function claimFile(tag: string): string {
  const lines = [header];
  for (let i = 1; i <= 3_000; i++) {
    if (i % 500 === 0)
      lines.push(`${tag}-${i},liability,lump_sum,2500.00,2026-10-01,901772468,Evangelina,Szczepanski,1984-02-29,1 Main St,Los Angeles,CA,90012`);
    else if (i % 100 === 7) lines.push(`${tag}-${i},liability,lump_sum,2500.00,2026-13-01,900${String(100_000 + i).slice(-6)},Pat,Roe,1980-01-01,,,,`);
    else lines.push(`${tag}-${i},liability,lump_sum,2500.00,2026-10-01,900${String(100_000 + i).slice(-6)},Pat${i},Roe,1980-01-01,2 Side St,Fresno,CA,93701`);
  }
  return `${lines.join('\n')}\n`;
}

/** The file's content; the second read (its lines, after the digest) breaks after `breakAfter` bytes. */
function breakingInput(text: string, breakAfter: number) {
  let opened = 0;
  return () => {
    opened += 1;
    if (opened === 1) return Readable.from([text]);
    let sent = 0;
    return new Readable({
      read() {
        if (sent >= breakAfter) return void this.destroy(new Error('the connection dropped'));
        this.push(text.slice(sent, Math.min(breakAfter, sent + 4_096)));
        sent += 4_096;
      },
    });
  };
}

const fileRow = async (fileName: string) =>
  (
    await queryRows<{ status: string; imported_through: number; accepted_count: number; rejected_count: number; matched_count: number; id: string }>(
      db,
      sql`select id, status, imported_through, accepted_count, rejected_count, matched_count from intercept_claim_files where file_name = ${fileName}`,
    )
  )[0]!;
const reviewable = async () => (await app.inject({ url: '/api/intercept/reviews?outcome=match', headers: worker.headers })).json<{ items: unknown[] }>().items;

describe('chunked claim import', () => {
  it('resumes a broken import after its last committed line, showing nothing of it until it is published', async () => {
    const text = claimFile('RES');
    const input = { insurerId, fileName: 'resume.csv', format: 'csv' as const };
    const before = (await reviewable()).length;
    await expect(importClaimFile(db, keys, systemActor(), { ...input, open: breakingInput(text, Math.floor(text.length * 0.6)) })).rejects.toThrow(
      'the connection dropped',
    );
    const stopped = await fileRow('resume.csv');
    expect(stopped.status).toBe('importing');
    expect(stopped.imported_through).toBeGreaterThan(500);
    expect(stopped.imported_through).toBeLessThan(3_001);
    // Its committed chunks hold matches, but no one sees them yet.
    const held = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.file_id = ${stopped.id}`,
    );
    expect(held[0]!.n).toBeGreaterThan(0);
    expect((await reviewable()).length).toBe(before);

    // The same file again: resumed after the last committed line, to the result one clean import gives.
    const done = await importClaimFile(db, keys, systemActor(), { ...input, open: () => Readable.from([text]) });
    expect(done).toMatchObject({ isNew: true, lineCount: 3_000, acceptedCount: 2_970, rejectedCount: 30, matchedCount: 6 });
    const claims = await queryRows<{ n: number; lines: number }>(
      db,
      sql`select count(*)::int as n, count(distinct line)::int as lines from intercept_claims where file_id = ${stopped.id}`,
    );
    expect(claims[0]).toEqual({ n: 2_970, lines: 2_970 });
    const errors = await queryRows<{ n: number }>(db, sql`select count(distinct line)::int as n from intercept_file_errors where file_id = ${stopped.id}`);
    expect(errors[0]!.n).toBe(30);
    expect((await fileRow('resume.csv')).status).toBe('received');
    const audit = await queryRows<{ detail: { resumedAfterLine?: number } }>(
      db,
      sql`select detail from audit_log where action = 'intercept.file.import' and entity_id = ${stopped.id}`,
    );
    expect(audit).toEqual([{ detail: expect.objectContaining({ resumedAfterLine: stopped.imported_through }) }]);

    const clean = await importClaimFile(db, keys, systemActor(), { ...input, fileName: 'clean.csv', open: () => Readable.from([claimFile('CLN')]) });
    expect({ ...clean, id: '', fileName: '', receivedAt: '', bytes: 0 }).toEqual({ ...done, id: '', fileName: '', receivedAt: '', bytes: 0 });
    // Published: the matches reach the review queue now (the caseworker's LCSA), and the same content again changes nothing.
    expect((await reviewable()).length).toBeGreaterThan(before);
    expect(await importClaimFile(db, keys, systemActor(), { ...input, open: () => Readable.from([text]) })).toMatchObject({ isNew: false, id: stopped.id });
  });

  it('answers 409 while another import holds the same file', async () => {
    const text = claimFile('HLD');
    const input = { insurerId, fileName: 'held.csv', format: 'csv' as const };
    await expect(importClaimFile(db, keys, systemActor(), { ...input, open: breakingInput(text, 1_000) })).rejects.toThrow();
    const stopped = await fileRow('held.csv');
    // Another import takes it (its lease runs two minutes from its last chunk).
    expect(await inTransaction(db, (tx) => takeImportLease(tx, stopped.id, crypto.randomUUID()))).toBeDefined();
    await expect(importClaimFile(db, keys, systemActor(), { ...input, open: () => Readable.from([text]) })).rejects.toMatchObject({
      code: 'file_import_in_progress',
    });
  });
});
