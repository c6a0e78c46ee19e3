/**
 * The anonymous survey: it needs no sign-in — its link is the invitation, and the answers are stored
 * with nothing that leads back to a person.
 */
import { recordAudit } from '../../platform/audit/audit';
import { anonymousActor, type Actor } from '../../platform/auth/actor';
import { requireSignedIn } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { PiiKeys } from '../../platform/pii/keys';
import { type MySurvey, type Survey, type SurveyAnswers } from './contract';
import { answerProblems } from './domain/instrument';
import { campaignStatus, invitationToken, tokenHash } from './campaigns';
import { instrumentOf } from './instruments';
import { invitationByTokenHash, invitationsOf, spendInvitationAndRespond } from './store';

export async function mySurveys(tx: Tx, keys: PiiKeys, actor: Actor, today = todayInCalifornia()): Promise<MySurvey[]> {
  requireSignedIn(actor);
  const rows = await invitationsOf(tx, actor.userId!);
  return rows
    .filter((r) => campaignStatus(r.campaign, today) === 'open')
    .map((r) => ({
      campaignId: r.campaign.id,
      title: r.campaign.title,
      closesOn: r.campaign.closesOn,
      hasAnswered: r.isUsed,
      remindedOn: r.remindedOn,
      token: invitationToken(keys, r.campaign.id, actor.userId!),
    }));
}

async function invitationByToken(tx: Tx, token: string) {
  const found = await invitationByTokenHash(tx, tokenHash(token));
  if (!found)
    throw new AppError('not_found', 'survey_link_unknown', 'This survey link is not valid. Use the link from your list of surveys.', [
      { path: '/token', message: 'unknown' },
    ]);
  return found;
}

/** The survey behind an anonymous link (no sign-in: the link is the invitation). */
export async function openSurvey(tx: Tx, token: string, today = todayInCalifornia()): Promise<Survey> {
  const { campaign, isUsed } = await invitationByToken(tx, token);
  return {
    campaignTitle: campaign.title,
    closesOn: campaign.closedEarlyOn ?? campaign.closesOn,
    hasAnswered: isUsed,
    isOpen: campaignStatus(campaign, today) === 'open',
    instrument: await instrumentOf(tx, campaign.instrumentId),
  };
}

/**
 * Stores one anonymous response and spends the invitation, in one transaction: the answers keep the org
 * unit and the role group the person chose, and nothing else; the audit records that a response came,
 * not from whom. A second answer through the same link is refused.
 */
export async function submitSurvey(tx: Tx, input: SurveyAnswers, requestId: string | null, today = todayInCalifornia()): Promise<{ thanks: true }> {
  const { campaign, isUsed } = await invitationByToken(tx, input.token);
  if (isUsed) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  if (campaignStatus(campaign, today) !== 'open') throw new AppError('conflict', 'campaign_not_open', `The survey “${campaign.title}” is not open.`);
  const instrument = await instrumentOf(tx, campaign.instrumentId);
  const problems = answerProblems(instrument, input.answers);
  if (Object.keys(input.answers).length === 0) problems.push({ path: '/answers', message: 'answer at least one statement' });
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'survey_answers_invalid',
      `Some answers cannot be used: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  const spent = await spendInvitationAndRespond(tx, tokenHash(input.token), {
    campaignId: campaign.id,
    roleGroup: input.roleGroup,
    language: input.language,
    answers: input.answers,
  });
  if (!spent) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  await recordAudit(tx, anonymousActor(requestId), { action: 'trauma.response.submit', entityType: 'trauma_campaign', entityId: campaign.id });
  return { thanks: true };
}

/**
 * A closed campaign's results for a group, with the trend over earlier closed campaigns of the same
 * instrument and the number of plan actions aimed at each gap. LCSA administrators see their own LCSA's
 * unit only.
 */
