/**
 * The anonymous survey: it needs no sign-in — its link is the invitation, and the answers are stored
 * with nothing that leads back to a person.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit';
import { anonymousActor, type Actor } from '../../platform/auth/actor';
import { requireSignedIn } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { PiiKeys } from '../../platform/pii/keys';
import { openText, sealText } from '../../platform/pii/sealed';
import { type MySurvey, type Survey, type SurveyAnswers } from './contract';
import { answerProblems } from './domain/instrument';
import { campaignStatus, invitationToken, tokenHash } from './campaigns';
import { instrumentOf } from './instruments';
import { inboxOf, invitationByTokenHash, invitationsOf, mixIntoResponses, spendInvitationAndSeal } from './store';

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
    audience: campaign.audience,
    instrument: await instrumentOf(tx, campaign.instrumentId),
  };
}

/**
 * Spends the invitation and keeps the answers sealed in the inbox, in one transaction: the answers keep
 * the org unit and the role group the person chose, and nothing else. A second answer through the same link
 * is refused. No audit row and no request log line is written for it (the route logs errors only): the
 * audit records each batch as it is mixed (mixAnswers), so no time, request id or address joins an answer
 * to the request that brought it.
 */
export async function submitSurvey(
  tx: Tx,
  keys: PiiKeys,
  input: SurveyAnswers,
  today = todayInCalifornia(),
): Promise<{ campaignId: string; minGroupSize: number }> {
  const { campaign, isUsed } = await invitationByToken(tx, input.token);
  if (isUsed) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  if (campaignStatus(campaign, today) !== 'open') throw new AppError('conflict', 'campaign_not_open', `The survey “${campaign.title}” is not open.`);
  const instrument = await instrumentOf(tx, campaign.instrumentId);
  const problems = answerProblems(instrument, input.answers);
  // A family's answer is a family's whatever the page sent; staff choose among the staff groups.
  const roleGroup = campaign.audience === 'families' ? 'family' : input.roleGroup;
  if (campaign.audience === 'staff' && roleGroup === 'family') problems.push({ path: '/roleGroup', message: 'staff, supervisor or manager' });
  if (Object.keys(input.answers).length === 0) problems.push({ path: '/answers', message: 'answer at least one statement' });
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'survey_answers_invalid',
      `Some answers cannot be used: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  const seal = (orgUnitId: string) =>
    sealText(keys, JSON.stringify({ orgUnitId, roleGroup, language: input.language, answers: input.answers } satisfies SealedAnswer));
  const spent = await spendInvitationAndSeal(tx, tokenHash(input.token), seal);
  if (!spent) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  return { campaignId: campaign.id, minGroupSize: campaign.minGroupSize };
}

interface SealedAnswer {
  orgUnitId: string;
  roleGroup: SurveyAnswers['roleGroup'];
  language: SurveyAnswers['language'];
  answers: SurveyAnswers['answers'];
}

/**
 * Mixes a campaign's waiting answers into its responses, in a transaction of its own (never the one that
 * spent an invitation): once at least `minGroupSize` wait, or, with `isClosing`, whatever waits, with every
 * earlier response written again beside it so that the last small batch hides among all of them. The
 * batch is shuffled (crypto-random) and written by one statement; the audit records how many were mixed.
 */
export async function mixAnswers(tx: Tx, keys: PiiKeys, campaignId: string, minGroupSize: number, isClosing: boolean): Promise<number> {
  const waiting = await inboxOf(tx, campaignId);
  if (waiting.length === 0 || (!isClosing && waiting.length < minGroupSize)) return 0;
  const answers = waiting.map((row) => JSON.parse(openText(keys, row.sealed)) as SealedAnswer);
  for (let i = answers.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [answers[i], answers[j]] = [answers[j]!, answers[i]!];
  }
  const written = await mixIntoResponses(
    tx,
    campaignId,
    waiting.map((row) => row.id),
    answers,
    isClosing,
  );
  await recordAudit(tx, anonymousActor(), {
    action: 'trauma.responses.mix',
    entityType: 'trauma_campaign',
    entityId: campaignId,
    detail: { answersMixed: waiting.length, responsesWritten: written },
  });
  return waiting.length;
}
