/**
 * Scores back to the platforms (LTI Assignment and Grade Services 2.0): when an assignment a platform
 * linked is completed, a background job per link asks the platform for a token (OAuth 2 client
 * credentials with a JWT client assertion signed by Concord's tool key) and posts the score to the line
 * item's `/scores`. A platform that does not answer is tried again later (the job runner's back-off); a
 * score sent is not sent again.
 */
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { systemActor } from '../../../platform/auth/actor';
import { enqueueJob } from '../../../platform/jobs/jobs';
import type { JobHandler } from '../../../platform/jobs/runner';
import type { Tx } from '../../../platform/db/connect';
import type { PiiKeys } from '../../../platform/pii/keys';
import { learnerAssignment, type AssignmentRow } from '../store';
import { toolKey } from './keys';
import { linkById, markScoreSent, platformById, unscoredLinks } from './store';

export const scoreJobKind = 'training.lti_score';
const scoreScope = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

/** Queues a score for every platform link of this completed assignment's learner and course not yet scored. */
export async function queueScores(tx: Tx, assignment: AssignmentRow): Promise<void> {
  for (const link of await unscoredLinks(tx, assignment.userId, assignment.courseId))
    await enqueueJob(tx, systemActor(), { kind: scoreJobKind, payload: { linkId: link.id, assignmentId: assignment.id }, maxAttempts: 8 });
}

async function answerOf(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`The platform answered ${response.status} to ${what}.`);
  return response.status === 204 ? null : response.json().catch(() => null);
}

export function scoreJob(keys: PiiKeys): JobHandler {
  return async (ctx) => {
    const { linkId, assignmentId } = ctx.job.payload as { linkId: string; assignmentId: string };
    let send: { tokenUrl: string; assertion: string; scoresUrl: string; score: Record<string, unknown> } | null = null;
    await ctx.commitChunk(async (tx) => {
      const link = await linkById(tx, linkId);
      const platform = link ? await platformById(tx, link.platformId) : undefined;
      const assignment = link ? await learnerAssignment(tx, link.userId, assignmentId) : undefined;
      if (!link?.lineItemUrl || link.scoreSentAt || !platform?.isActive || assignment?.status !== 'completed')
        return { done: 1, total: 1, note: 'nothing to send' };
      const key = await toolKey(tx, keys);
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setIssuer(platform.clientId)
        .setSubject(platform.clientId)
        .setAudience(platform.accessTokenUrl)
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(crypto.randomUUID())
        .sign(key.privateKey);
      const scoresUrl = new URL(link.lineItemUrl);
      scoresUrl.pathname = `${scoresUrl.pathname.replace(/\/$/, '')}/scores`;
      send = {
        tokenUrl: platform.accessTokenUrl,
        assertion,
        scoresUrl: scoresUrl.href,
        score: {
          userId: link.subject,
          // [Policy] A course completed without a scored quiz counts as full marks.
          scoreGiven: assignment.scorePercent ?? 100,
          scoreMaximum: 100,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
          timestamp: new Date().toISOString(),
        },
      };
      return { done: 0, total: 1, note: 'sending' };
    });
    if (!send) return;
    const { tokenUrl, assertion, scoresUrl, score } = send;
    const token = (await answerOf(
      await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope: scoreScope,
        }),
      }),
      'the token request',
    )) as { access_token?: string } | null;
    if (!token?.access_token) throw new Error('The platform gave no access token.');
    await answerOf(
      await fetch(scoresUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json' },
        body: JSON.stringify(score),
      }),
      'the score',
    );
    await ctx.commitChunk(async (tx) => {
      await markScoreSent(tx, linkId);
      return { done: 1, total: 1, note: 'score sent' };
    });
  };
}
