/**
 * The trauma store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app:
 * instruments by version, campaigns reached through the LCSAs they survey, invitations spent once with
 * an anonymous response, reminders, and the action plan.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import type { RowFilter } from '../../platform/auth/scope';
import type { CalendarDate } from '../../platform/dates';
import { inTransaction } from '../../platform/db/transaction';
import { concordInstrument } from './domain/concord-instrument';
import {
  actionForUpdate,
  actionsPerGap,
  allActions,
  allInstruments,
  campaignsIn,
  closeCampaignOn,
  findCampaign,
  insertAction,
  insertCampaign,
  insertInstrument,
  insertInvitations,
  insertPhase,
  instrumentDefinition,
  instrumentTitles,
  invitationByTokenHash,
  invitationCounts,
  invitationsOf,
  phaseExists,
  remindUnanswered,
  responsesOf,
  setActionRowStatus,
  spendInvitationAndSeal,
  inboxOf,
  mixIntoResponses,
} from './store';

const { db } = await useTestDatabase();
const tag = crypto.randomBytes(3).toString('hex');
const state: RowFilter = { kind: 'all' };
const fresno: RowFilter = { kind: 'lcsa', lcsaId: 'fresno' };
const kern: RowFilter = { kind: 'lcsa', lcsaId: 'kern' };
const insurer: RowFilter = { kind: 'partner', partnerId: crypto.randomUUID() };

describe('the trauma store', () => {
  it('keeps each instrument version once, and reaches a campaign only through the LCSAs it surveys', () =>
    inTransaction(db, async (tx) => {
      const instrument = { ...concordInstrument, code: `test-${tag}`, version: 1 };
      const row = (await insertInstrument(tx, instrument, { isShipped: false, loadedBy: null }))!;
      expect(await insertInstrument(tx, instrument, { isShipped: false, loadedBy: null })).toBeUndefined();
      expect((await allInstruments(tx)).filter((i) => i.code === instrument.code)).toHaveLength(1);
      expect(await instrumentDefinition(tx, row.id)).toEqual(instrument);
      expect(await instrumentTitles(tx, [row.id, row.id])).toEqual(new Map([[row.id, instrument.title.en]]));

      const campaign = { instrumentId: row.id, minGroupSize: 5, targetScore: 3 };
      const older = await insertCampaign(tx, { ...campaign, title: 'Older', opensOn: '2040-01-01', closesOn: '2040-02-01', orgUnitIds: ['fresno', 'kern'] });
      const newer = await insertCampaign(tx, { ...campaign, title: 'Newer', opensOn: '2041-01-01', closesOn: '2041-02-01', orgUnitIds: ['fresno'] });
      const mine = (filter: RowFilter) => campaignsIn(tx, filter).then((rows) => rows.filter((r) => r.instrumentId === row.id).map((r) => r.title));
      expect(await mine(state)).toEqual(['Newer', 'Older']);
      expect(await mine(fresno)).toEqual(['Newer', 'Older']);
      expect(await mine(kern)).toEqual(['Older']);
      expect(await mine(insurer)).toEqual([]);
      expect((await campaignsIn(tx, state, newer)).map((r) => r.title)).toEqual(['Older', 'Newer']);
      expect(await findCampaign(tx, kern, newer.id)).toBeUndefined();
      expect(await findCampaign(tx, fresno, newer.id, { forUpdate: true })).toMatchObject({ title: 'Newer' });
      expect(await closeCampaignOn(tx, older.id, '2040-01-15')).toMatchObject({ closedEarlyOn: '2040-01-15' });
    }));

  it('spends an invitation once, keeping the response apart from who gave it, and reminds only those not answered nor lately reminded', () =>
    inTransaction(db, async (tx) => {
      const instrument = (await insertInstrument(tx, { ...concordInstrument, code: `test2-${tag}`, version: 1 }, { isShipped: false, loadedBy: null }))!;
      const campaign = await insertCampaign(tx, {
        title: 'Survey',
        instrumentId: instrument.id,
        opensOn: '2040-01-01',
        closesOn: '2040-03-01',
        orgUnitIds: ['fresno', 'kern'],
        minGroupSize: 5,
        targetScore: 3,
      });
      const people = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await insertInvitations(
        tx,
        people.map((userId, i) => ({ campaignId: campaign.id, userId, orgUnitId: i === 0 ? 'kern' : 'fresno', tokenHash: `hash-${tag}-${i}` })),
      );
      const seal = (orgUnitId: string) => `sealed for ${orgUnitId}`;
      expect(await spendInvitationAndSeal(tx, `hash-${tag}-1`, seal)).toEqual({ campaignId: campaign.id });
      expect(await spendInvitationAndSeal(tx, `hash-${tag}-1`, seal)).toBeUndefined();
      expect(await spendInvitationAndSeal(tx, `hash-${tag}-unknown`, seal)).toBeUndefined();
      const waiting = await inboxOf(tx, campaign.id);
      expect(waiting.map((w) => w.sealed)).toEqual(['sealed for fresno']);
      expect(await responsesOf(tx, campaign.id)).toEqual([]);
      const answer = { orgUnitId: 'fresno', roleGroup: 'staff' as const, language: 'es' as const, answers: { s1: 4 } };
      expect(await mixIntoResponses(tx, campaign.id, [waiting[0]!.id], [answer], false)).toBe(1);
      expect(await inboxOf(tx, campaign.id)).toEqual([]);
      const responses = await responsesOf(tx, campaign.id);
      expect(responses).toEqual([{ orgUnitId: 'fresno', roleGroup: 'staff', answers: { s1: 4 } }]);
      expect(Object.keys(responses[0]!)).not.toContain('userId');
      expect((await invitationByTokenHash(tx, `hash-${tag}-1`))!.isUsed).toBe(true);
      expect((await invitationsOf(tx, people[0]!)).map((i) => [i.campaign.id, i.isUsed])).toEqual([[campaign.id, false]]);
      expect((await invitationCounts(tx, [campaign.id])).sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId))).toEqual([
        { campaignId: campaign.id, orgUnitId: 'fresno', invited: 2, responded: 1 },
        { campaignId: campaign.id, orgUnitId: 'kern', invited: 1, responded: 0 },
      ]);
      expect(await remindUnanswered(tx, campaign.id, '2040-02-01', '2040-01-25')).toBe(2);
      expect(await remindUnanswered(tx, campaign.id, '2040-02-03', '2040-01-27')).toBe(0);
      expect(await remindUnanswered(tx, campaign.id, '2040-02-09', '2040-02-02')).toBe(2);
    }));

  it('keeps phases by number and actions by due date, counting the live actions on each gap', () =>
    inTransaction(db, async (tx) => {
      const ordinal = 9_000 + crypto.randomInt(900);
      const phase = (await insertPhase(tx, { ordinal, title: 'Phase', stage: 'realize', startsOn: '2040-01-01', endsOn: '2040-12-31' }))!;
      expect(await insertPhase(tx, { ordinal, title: 'Again', stage: 'realize', startsOn: '2040-01-01', endsOn: '2040-12-31' })).toBeUndefined();
      expect(await phaseExists(tx, phase.id)).toBe(true);
      expect(await phaseExists(tx, crypto.randomUUID())).toBe(false);
      const action = (title: string, dueOn: CalendarDate) => ({
        phaseId: phase.id,
        title,
        description: '',
        owner: 'HQ',
        dueOn,
        status: 'planned' as const,
        gapKind: 'domain' as const,
        gapId: `gap-${tag}`,
        courseCodes: [],
      });
      const late = await insertAction(tx, action(`B ${tag}`, '2040-06-01'));
      const soon = await insertAction(tx, action(`A ${tag}`, '2040-03-01'));
      expect((await allActions(tx)).filter((a) => a.phaseId === phase.id).map((a) => a.id)).toEqual([soon.id, late.id]);
      const perGap = () => actionsPerGap(tx).then((rows) => rows.find((r) => r.gapId === `gap-${tag}`)?.n);
      expect(await perGap()).toBe(2);
      await setActionRowStatus(tx, late.id, { status: 'deferred', completedOn: null });
      expect(await perGap()).toBe(1);
      expect(await actionForUpdate(tx, late.id)).toMatchObject({ status: 'deferred' });
    }));
});
