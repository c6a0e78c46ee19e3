/**
 * Campaigns over org units with one anonymous invitation per member of staff. Administrators at the
 * state run campaigns; LCSA administrators see their own LCSA's unit.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor } from '../../platform/auth/actor';
import { authorize, rowFilter, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { PiiKeys } from '../../platform/pii/keys';
import { allOrgUnits, orgUnitNames, staffInUnits } from '../training/index';
import { type Campaign, type NewCampaign } from './contract';
import { traumaPolicyOn } from './domain/policy';
import { instrumentOf } from './instruments';
import {
  campaignsIn,
  closeCampaignOn,
  findCampaign,
  insertCampaign,
  insertInvitations,
  instrumentTitles,
  invitationCounts,
  openFamilyCampaigns,
  remindUnanswered,
  type CampaignRow,
} from './store';

export type { CampaignRow };

export function campaignStatus(c: Pick<CampaignRow, 'opensOn' | 'closesOn' | 'closedEarlyOn'>, today: CalendarDate): Campaign['status'] {
  if (c.closedEarlyOn !== null || today > c.closesOn) return 'closed';
  return today < c.opensOn ? 'scheduled' : 'open';
}

/**
 * The invitation's token: an HMAC of campaign and person under a key derived for this purpose alone, so
 * the link can be shown to its owner again without being stored; only its SHA-256 is kept.
 */
export function invitationToken(keys: PiiKeys, campaignId: string, userId: string): string {
  let key = invitationKeys.get(keys);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', keys.blindIndexKey, Buffer.alloc(0), 'concord/trauma/invitation', 32));
    invitationKeys.set(keys, key);
  }
  return crypto.createHmac('sha256', key).update(`${campaignId}:${userId}`).digest('base64url');
}
/** The invitation key of each key set, derived once (a campaign signs one token per member of staff). */
const invitationKeys = new WeakMap<PiiKeys, Buffer>();
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Campaigns as the actor may see them, with response progress by org unit (one query for every campaign's counts). */
async function campaignViews(tx: Tx, actor: Actor, rows: CampaignRow[]): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const counts = await invitationCounts(
    tx,
    rows.map((r) => r.id),
  );
  const names = await orgUnitNames(tx);
  const instruments = await instrumentTitles(
    tx,
    rows.map((r) => r.instrumentId),
  );
  const units = visibleUnits(actor);
  const today = todayInCalifornia();
  return rows.map((row) => {
    const visible = counts.filter((c) => c.campaignId === row.id && (!units || units.includes(c.orgUnitId)));
    return {
      id: row.id,
      title: row.title,
      instrumentId: row.instrumentId,
      instrumentTitle: instruments.get(row.instrumentId) ?? '',
      opensOn: row.opensOn,
      closesOn: row.closedEarlyOn ?? row.closesOn,
      status: campaignStatus(row, today),
      audience: row.audience,
      orgUnitIds: units ? row.orgUnitIds.filter((id) => units.includes(id)) : row.orgUnitIds,
      targetScore: row.targetScore,
      minGroupSize: row.minGroupSize,
      invited: visible.reduce((sum, c) => sum + c.invited, 0),
      responded: visible.reduce((sum, c) => sum + c.responded, 0),
      progress: visible
        .map((c) => ({ orgUnitId: c.orgUnitId, orgUnitName: names.get(c.orgUnitId) ?? c.orgUnitId, invited: c.invited, responded: c.responded }))
        .sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName)),
    };
  });
}

export async function listCampaigns(tx: Tx, actor: Actor): Promise<Campaign[]> {
  authorize(actor, 'trauma.read');
  const rows = await campaignsIn(tx, rowFilter(actor));
  return campaignViews(tx, actor, rows);
}

export async function campaignInScope(tx: Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<CampaignRow> {
  const row = await findCampaign(tx, rowFilter(actor), id, options);
  if (!row) throw new AppError('not_found', 'campaign_not_found', `Campaign ${id} was not found.`);
  return row;
}

/** Opens a campaign: one invitation for each member of staff in its org units. */
export async function openCampaign(tx: Tx, keys: PiiKeys, actor: Actor, input: NewCampaign, today = todayInCalifornia()): Promise<Campaign> {
  authorize(actor, 'trauma.manage');
  const instrument = await instrumentOf(tx, input.instrumentId);
  const kinds = new Map((await allOrgUnits(tx)).map((u) => [u.id, u.kind]));
  const audience = input.audience ?? 'staff';
  const problems = [
    ...input.orgUnitIds.flatMap((id, i) =>
      !kinds.has(id)
        ? [{ path: `/orgUnitIds/${i}`, message: `there is no org unit ${id}` }]
        : audience === 'families' && kinds.get(id) !== 'lcsa'
          ? [{ path: `/orgUnitIds/${i}`, message: `${id} serves no families: a families' survey is over LCSAs` }]
          : [],
    ),
    ...(input.closesOn < input.opensOn ? [{ path: '/closesOn', message: 'must be on or after the opening date' }] : []),
    ...(input.closesOn < today ? [{ path: '/closesOn', message: 'must not be in the past' }] : []),
    ...(input.targetScore !== undefined && (input.targetScore < instrument.scale.min || input.targetScore > instrument.scale.max)
      ? [{ path: '/targetScore', message: `must be on the instrument's scale (${instrument.scale.min}–${instrument.scale.max})` }]
      : []),
  ];
  if (problems.length > 0)
    throw new AppError('validation', 'campaign_is_invalid', `The campaign cannot open: ${problems.map((p) => p.message).join('; ')}.`, problems);
  const policy = traumaPolicyOn(input.opensOn);
  const orgUnitIds = [...new Set(input.orgUnitIds)];
  const row = await insertCampaign(tx, {
    title: input.title,
    instrumentId: input.instrumentId,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    orgUnitIds,
    minGroupSize: policy.minGroupSize,
    targetScore: input.targetScore ?? instrument.defaultTarget,
    audience,
    createdBy: actor.userId,
  });
  // Families are invited one by one in the portal, once a request of theirs has closed (inviteFamily).
  const staff = audience === 'staff' ? await staffInUnits(tx, orgUnitIds) : [];
  await insertInvitations(
    tx,
    staff.map((s) => ({ campaignId: row.id, userId: s.userId, orgUnitId: s.orgUnitId, tokenHash: tokenHash(invitationToken(keys, row.id, s.userId)) })),
  );
  await recordAudit(tx, actor, {
    action: 'trauma.campaign.open',
    entityType: 'trauma_campaign',
    entityId: row.id,
    after: { ...input, invited: staff.length },
  });
  return (await campaignViews(tx, actor, [row]))[0]!;
}

/**
 * Offers a parent the open families' surveys of the LCSA that answered their request (the portal calls
 * it once one of their requests there has closed): one invitation per campaign, kept if it exists. The
 * invitation says who was asked, as a member of staff's does; the answer never meets it.
 */
export async function inviteFamily(tx: Tx, keys: PiiKeys, userId: string, orgUnitId: string, today = todayInCalifornia()): Promise<void> {
  const open = (await openFamilyCampaigns(tx, orgUnitId)).filter((c) => campaignStatus(c, today) === 'open');
  await insertInvitations(
    tx,
    open.map((c) => ({ campaignId: c.id, userId, orgUnitId, tokenHash: tokenHash(invitationToken(keys, c.id, userId)) })),
  );
}

export async function closeCampaign(tx: Tx, actor: Actor, id: string, today = todayInCalifornia()): Promise<Campaign> {
  authorize(actor, 'trauma.manage');
  const row = await campaignInScope(tx, actor, id, { forUpdate: true });
  if (campaignStatus(row, today) === 'closed') throw new AppError('conflict', 'campaign_already_closed', `Campaign “${row.title}” is closed already.`);
  const closed = await closeCampaignOn(tx, id, today);
  await recordAudit(tx, actor, { action: 'trauma.campaign.close', entityType: 'trauma_campaign', entityId: id, after: { closedEarlyOn: today } });
  return (await campaignViews(tx, actor, [closed]))[0]!;
}

/** Reminds the staff who have not answered an open campaign (at most once a week each): it shows in their surveys. */
export async function remindCampaign(tx: Tx, actor: Actor, id: string, today = todayInCalifornia()): Promise<{ reminded: number }> {
  authorize(actor, 'trauma.manage');
  const row = await campaignInScope(tx, actor, id);
  if (campaignStatus(row, today) !== 'open') throw new AppError('conflict', 'campaign_not_open', `Campaign “${row.title}” is not open.`);
  // A family is offered the survey once, after a request closes; nobody presses them to answer.
  if (row.audience === 'families')
    throw new AppError('conflict', 'campaign_not_remindable', `“${row.title}” asks families, who are never reminded: the offer in the portal is enough.`);
  const reminded = await remindUnanswered(tx, id, today, addDays(today, -7));
  await recordAudit(tx, actor, { action: 'trauma.campaign.remind', entityType: 'trauma_campaign', entityId: id, detail: { reminded } });
  return { reminded };
}

/** The signed-in person's surveys: open campaigns that invited them, with their anonymous link's token. */
