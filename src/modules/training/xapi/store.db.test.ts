/**
 * The LRS store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app: clients by
 * active key, statements paged in stored order with each filter narrowing, voided ones left out and the
 * statements that refer to a match included; documents found, replaced and deleted by their keys.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db';
import { inTransaction } from '../../../platform/db/transaction';
import {
  activeClientByKey,
  deleteDocuments,
  documentIds,
  findDocument,
  insertClient,
  insertStatements,
  activityDefinitions,
  markVoided,
  saveDocument,
  statementById,
  statementPage,
  statementsByIds,
  statementsOfAgent,
  verbsOf,
  type DocumentKeys,
  type NewStatementRow,
} from './store';

const { db } = await useTestDatabase();
const tag = crypto.randomBytes(3).toString('hex');
const activity = `https://example.org/activities/${tag}`;
const alice = `mailto:alice-${tag}@example.org`;
const bob = `mailto:bob-${tag}@example.org`;
const completed = 'http://adlnet.gov/expapi/verbs/completed';

function row(id: string, who: string, verb: string, object: Record<string, unknown>, extra: Partial<NewStatementRow> = {}): NewStatementRow {
  return {
    id,
    statement: { id, actor: { mbox: who }, verb: { id: verb }, object },
    stored: new Date(),
    verbId: verb,
    ownActivity: object.objectType === 'StatementRef' ? null : String(object.id),
    ownAgents: [who],
    relatedActivities: [],
    relatedAgents: [who],
    registration: null,
    targetId: object.objectType === 'StatementRef' ? String(object.id) : null,
    ...extra,
  };
}

const ids = Array.from({ length: 4 }, () => crypto.randomUUID());
await inTransaction(db, async (tx) => {
  await insertStatements(tx, [
    row(ids[0]!, alice, completed, { id: activity, definition: { name: { 'en-US': 'First' } } }),
    row(ids[1]!, bob, completed, { id: activity }),
    row(ids[2]!, alice, 'http://adlnet.gov/expapi/verbs/attempted', { id: `${activity}/other` }, { registration: tag }),
  ]);
  // Bob's statement refers to Alice's first: a query that matches the first returns it too.
  await insertStatements(tx, [row(ids[3]!, bob, 'http://example.org/verbs/commented', { objectType: 'StatementRef', id: ids[0]! })]);
});
const idsOf = (page: { statement: unknown }[]) => page.map((p) => (p.statement as { id: string }).id);

describe('the LRS store', () => {
  it('keeps the first client with a key, and finds it by that key', async () => {
    await inTransaction(db, async (tx) => {
      await insertClient(tx, { name: 'Outside LMS', key: `key-${tag}`, secretHash: 'hash', scopes: ['all'] });
      await insertClient(tx, { name: 'Second try', key: `key-${tag}`, secretHash: 'other', scopes: ['all'] });
    });
    expect(await activeClientByKey(db, `key-${tag}`)).toMatchObject({ name: 'Outside LMS', secretHash: 'hash' });
    expect(await activeClientByKey(db, `no-${tag}`)).toBeUndefined();
  });

  it('pages statements in stored order, each filter narrowing, with the statements that refer to a match', () =>
    inTransaction(db, async (tx) => {
      expect(idsOf(await statementPage(tx, { activity, ascending: true, limit: 10 }))).toEqual([ids[0], ids[1], ids[3]]);
      expect(idsOf(await statementPage(tx, { activity, agentIfi: alice, ascending: true, limit: 10 }))).toEqual([ids[0], ids[3]]);
      expect(idsOf(await statementPage(tx, { agentIfi: bob, verb: completed, limit: 10 }))).toEqual([ids[1]]);
      expect(idsOf(await statementPage(tx, { registration: tag, limit: 10 }))).toEqual([ids[2]]);
      const firstTwo = await statementPage(tx, { activity, ascending: true, limit: 1 });
      expect(firstTwo).toHaveLength(2);
      expect(idsOf(await statementPage(tx, { activity, ascending: true, limit: 10, cursor: firstTwo[0]!.seq }))).toEqual([ids[1], ids[3]]);
      expect(idsOf(await statementPage(tx, { activity, limit: 10, until: new Date(Date.now() - 3_600_000) }))).toEqual([]);
      expect([...(await statementsByIds(tx, [ids[0]!, crypto.randomUUID()])).keys()]).toEqual([ids[0]]);
      expect(await verbsOf(tx, [ids[1]!])).toEqual([completed]);
      expect(await activityDefinitions(tx, activity, 10)).toEqual([{ name: { 'en-US': 'First' } }]);
      expect((await statementsOfAgent(tx, bob)).length).toBe(2);
    }));

  it('leaves voided statements out of queries and keeps them by id; a statement that refers to a voided one still meets its filter', () =>
    inTransaction(db, async (tx) => {
      await markVoided(tx, [ids[1]!]);
      expect(idsOf(await statementPage(tx, { agentIfi: bob, verb: completed, limit: 10 }))).toEqual([]);
      await markVoided(tx, [ids[0]!]);
      expect(idsOf(await statementPage(tx, { activity, agentIfi: alice, ascending: true, limit: 10 }))).toEqual([ids[3]]);
      expect(await statementById(tx, ids[1]!)).toMatchObject({ isVoided: true });
      expect(await statementById(tx, crypto.randomUUID())).toBeUndefined();
    }));

  it('finds, replaces and deletes documents by their keys', () =>
    inTransaction(db, async (tx) => {
      const keys = (documentId: string): DocumentKeys => ({ kind: 'state', activityId: activity, agentIfi: alice, registration: '', documentId });
      const content = (text: string) => ({ contentType: 'text/plain', content: Buffer.from(text).toString('base64'), etag: `"${text}"`, updated: new Date() });
      await saveDocument(tx, undefined, keys('bookmark'), content('one'));
      await saveDocument(tx, undefined, keys('volume'), content('loud'));
      const saved = await findDocument(tx, keys('bookmark'));
      await saveDocument(tx, saved!.id, keys('bookmark'), content('two'));
      expect((await findDocument(tx, keys('bookmark')))?.etag).toBe('"two"');
      expect((await documentIds(tx, keys(''), undefined)).map((d) => d.documentId)).toEqual(['bookmark', 'volume']);
      expect(await documentIds(tx, { ...keys(''), agentIfi: bob }, undefined)).toEqual([]);
      await deleteDocuments(tx, keys('volume'), true);
      expect((await documentIds(tx, keys(''), undefined)).map((d) => d.documentId)).toEqual(['bookmark']);
      await deleteDocuments(tx, keys(''), false);
      expect(await findDocument(tx, keys('bookmark'))).toBeUndefined();
    }));
});
