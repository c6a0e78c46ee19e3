/**
 * Interoperability: an LMS that reports learning through a widely used xAPI client library
 * (@xapi/xapi, over real HTTP) stores, reads, queries, pages and voids statements and keeps state.
 * The specification's own conformance suite is run outside this repository; this checks that a real
 * client's requests and our answers fit together.
 */
import type { AddressInfo } from 'node:net';
import XAPI from '@xapi/xapi';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { inTransaction } from '../../../platform/db/transaction';
import { createClient } from './lrs';

const { app } = await useTestApp();
const { key, secret } = await inTransaction(app.concord.database.db, (tx) => createClient(tx, 'Interop LMS'));
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;
const xapi = new XAPI({ endpoint: `http://127.0.0.1:${port}/xapi/`, auth: XAPI.toBasicAuth(key, secret) });

const actor = { objectType: 'Agent' as const, mbox: 'mailto:interop.learner@example.com', name: 'Interop Learner' };
const activity = (n: number) => ({
  objectType: 'Activity' as const,
  id: `http://example.com/interop/course-${n}`,
  definition: { name: { 'en-US': `Course ${n}` } },
});

describe('an external LMS through the @xapi/xapi client', () => {
  it('reads the version, stores a batch, reads one back, queries with filters and pages through the rest', async () => {
    expect((await xapi.getAbout()).data.version).toContain('1.0.3');
    const sent = await xapi.sendStatements({
      statements: [1, 2, 3].map((n) => ({ actor, verb: XAPI.Verbs.COMPLETED, object: activity(n) })),
    });
    expect(sent.data).toHaveLength(3);
    const one = await xapi.getStatement({ statementId: sent.data[0]! });
    expect(one.data).toMatchObject({ id: sent.data[0], actor: { mbox: actor.mbox }, verb: { id: XAPI.Verbs.COMPLETED.id }, object: { id: activity(1).id } });
    expect(one.data.stored).toBeTruthy();

    const first = await xapi.getStatements({ agent: actor, verb: XAPI.Verbs.COMPLETED.id, limit: 2 });
    expect(first.data.statements).toHaveLength(2);
    expect(first.data.more).toBeTruthy();
    // Without attachments asked for, the next page is a plain statement result too.
    const rest = (await xapi.getMoreStatements({ more: first.data.more! })).data as typeof first.data;
    const seen = [...first.data.statements, ...rest.statements].map((s) => s.id);
    expect(seen.sort()).toEqual([...sent.data].sort());
    const byActivity = await xapi.getStatements({ activity: activity(2).id });
    expect(byActivity.data.statements.map((s) => s.id)).toEqual([sent.data[1]]);
  });

  it('voids a statement: it is gone from queries and found as voided', async () => {
    const [id] = (await xapi.sendStatement({ statement: { actor, verb: XAPI.Verbs.PASSED, object: activity(9) } })).data;
    await xapi.voidStatement({ actor, statementId: id! });
    expect((await xapi.getVoidedStatement({ voidedStatementId: id! })).data.id).toBe(id);
    await expect(xapi.getStatement({ statementId: id! })).rejects.toMatchObject({ response: { status: 404 } });
    // Only the voiding statement answers the activity's filter now (it refers to a statement that meets it).
    const left = (await xapi.getStatements({ activity: activity(9).id })).data.statements;
    expect(left.map((s) => s.object)).toEqual([{ objectType: 'StatementRef', id }]);
  });

  it('keeps an activity state for the learner', async () => {
    await xapi.setState({ agent: actor, activityId: activity(1).id, stateId: 'bookmark', state: { page: 7 } });
    expect((await xapi.getState({ agent: actor, activityId: activity(1).id, stateId: 'bookmark' })).data).toEqual({ page: 7 });
    expect((await xapi.getStates({ agent: actor, activityId: activity(1).id })).data).toEqual(['bookmark']);
  });
});
