/**
 * A parent opens their own account without staff, in three steps:
 *
 * 1. they give what their own papers show — the case number, their birth date and the last four of their
 *    SSN — and a six-digit code goes to the phone (else the email) their agency has on file;
 * 2. they type the code (five tries, fifteen minutes);
 * 3. they choose the email and password they will sign in with, and are signed in.
 *
 * No step tells whether a case, birth date and SSN belong together: step 1 answers the same words and
 * stores a sign-up either way, and a sign-up whose facts matched nobody can never be verified.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit';
import { anonymousActor } from '../../platform/auth/actor';
import { newSecret, sha256 } from '../../platform/auth/secrets';
import { actorOf, createParentAccount, openSession, type UserRow } from '../../platform/auth/users';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { contactOf, parentByIdentity } from '../registry/index';
import type { PortalLanguage, SignUpFinish, SignUpStart } from './contract';
import { insertMessage, insertSignUp, openSignUpForUpdate, updateSignUp } from './store';

/** Sign-up policy: how long a code lives, how many tries it allows, how long a verified sign-up may wait. */
export const signUpPolicy = { codeMinutes: 15, maxAttempts: 5, finishMinutes: 30 } as const;

const startedMessage = {
  en: 'If these details match a case, we have sent a six-digit code to the phone or email your local child support agency has on file. It works for 15 minutes.',
  es: 'Si estos datos corresponden a un caso, enviamos un código de seis dígitos al teléfono o correo electrónico que su agencia local de manutención de menores tiene registrado. Es válido por 15 minutos.',
} satisfies Record<PortalLanguage, string>;

const codeMessage = {
  en: (code: string) => `Your Concord code is ${code}. It works for 15 minutes. If you did not ask for it, you can ignore this message; nothing changes.`,
  es: (code: string) => `Su código de Concord es ${code}. Es válido por 15 minutos. Si no lo pidió, puede ignorar este mensaje; nada cambia.`,
} satisfies Record<PortalLanguage, (code: string) => string>;

/** A phone or email as staff may see it in the outbox: enough to recognise, not enough to use. */
export function maskDestination(channel: 'sms' | 'email', destination: string): string {
  if (channel === 'sms') return `***-***-${destination.replace(/\D/g, '').slice(-4)}`;
  const [local = '', domain = ''] = destination.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function codeWrongOrExpired(): AppError {
  return new AppError('validation', 'portal_code_wrong_or_expired', 'That code is not right, or it has expired. Start again to get a new code.', [
    { path: '/code', message: 'not right or expired' },
  ]);
}

/** Step 1: checks the facts and sends a code to the contact on file; answers the same either way. */
export async function startSignUp(tx: Tx, input: SignUpStart, requestId: string | null): Promise<{ signUpId: string; message: string }> {
  const parent = await parentByIdentity(tx, input);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + signUpPolicy.codeMinutes * 60_000);
  const signUpId = await insertSignUp(tx, { personId: parent?.personId ?? null, codeHash: sha256(code), expiresAt });
  const destination = parent?.phone
    ? ({ channel: 'sms', to: parent.phone } as const)
    : parent?.email
      ? ({ channel: 'email', to: parent.email } as const)
      : null;
  if (parent && destination) {
    await insertMessage(tx, {
      personId: parent.personId,
      channel: destination.channel,
      destinationMasked: maskDestination(destination.channel, destination.to),
      language: input.language,
      body: codeMessage[input.language](code),
    });
  }
  // Whether the facts matched is kept for staff (an attempt to guess is visible), never in the answer.
  await recordAudit(tx, anonymousActor(requestId), {
    action: 'portal.sign_up.start',
    entityType: 'portal_sign_up',
    entityId: signUpId,
    lcsaId: parent?.lcsaId ?? null,
    outcome: parent && destination ? 'succeeded' : 'failed',
    detail: { matched: parent !== undefined, hasContact: destination !== null },
  });
  return { signUpId, message: startedMessage[input.language] };
}

/** Step 2: the code, checked in constant time; five wrong tries end the sign-up. Answers a one-use token for step 3. */
export async function verifySignUp(tx: Tx, input: { signUpId: string; code: string }, requestId: string | null): Promise<{ finishToken: string }> {
  const signUp = await openSignUpForUpdate(tx, input.signUpId);
  if (!signUp || signUp.verifiedAt || signUp.attempts >= signUpPolicy.maxAttempts) throw codeWrongOrExpired();
  const isRight = crypto.timingSafeEqual(Buffer.from(sha256(input.code)), Buffer.from(signUp.codeHash));
  if (!isRight || !signUp.personId) {
    await updateSignUp(tx, signUp.id, { attempts: signUp.attempts + 1 });
    await recordAudit(tx, anonymousActor(requestId), {
      action: 'portal.sign_up.verify',
      entityType: 'portal_sign_up',
      entityId: signUp.id,
      outcome: 'failed',
      detail: { attempt: signUp.attempts + 1 },
    });
    // The failed try must be counted even though the request fails: committed by the caller's handler.
    return { finishToken: '' };
  }
  const finishToken = newSecret('psu_');
  await updateSignUp(tx, signUp.id, {
    verifiedAt: new Date(),
    finishTokenHash: sha256(finishToken),
    expiresAt: new Date(Date.now() + signUpPolicy.finishMinutes * 60_000),
  });
  await recordAudit(tx, anonymousActor(requestId), { action: 'portal.sign_up.verify', entityType: 'portal_sign_up', entityId: signUp.id });
  return { finishToken };
}

/** The answer to a failed try, after it was counted. */
export function assertVerified(result: { finishToken: string }): { finishToken: string } {
  if (!result.finishToken) throw codeWrongOrExpired();
  return result;
}

/** Step 3: the account, with the email and password the parent chose, and a session. */
export async function finishSignUp(
  tx: Tx,
  input: SignUpFinish,
  sessionTtlMinutes: number,
  requestId: string | null,
): Promise<{ user: UserRow; sessionToken: string; csrfToken: string }> {
  const signUp = await openSignUpForUpdate(tx, input.signUpId);
  const isValid =
    signUp?.verifiedAt &&
    signUp.personId &&
    signUp.finishTokenHash &&
    crypto.timingSafeEqual(Buffer.from(sha256(input.finishToken)), Buffer.from(signUp.finishTokenHash));
  if (!signUp || !isValid || !signUp.personId)
    throw new AppError('validation', 'portal_sign_up_unfinished', 'This sign-up has expired or was not verified. Start again to get a new code.');
  const person = await contactOf(tx, signUp.personId);
  const user = await createParentAccount(
    tx,
    { personId: signUp.personId, email: input.email, displayName: person?.firstName ?? 'Parent', password: input.password, language: input.language },
    requestId,
  );
  await updateSignUp(tx, signUp.id, { completedAt: new Date() });
  const session = await openSession(tx, user.id, sessionTtlMinutes);
  await recordAudit(tx, actorOf(user, requestId), { action: 'auth.sign_in', entityType: 'user', entityId: user.id, detail: { via: 'portal sign-up' } });
  return { user, ...session };
}
