/**
 * Concord as an LTI 1.3 tool (IMS LTI Core 1.3, Security Framework 1.0, Deep Linking 2.0): the platform's
 * OIDC login initiation answered with an authorisation request (state and nonce kept, used once); the
 * id_token it posts back verified against the platform's key set (`jose`: signature, issuer, audience,
 * expiry, nonce, LTI version, a registered deployment). A resource link launch signs the learner in to
 * the Concord account with the email the platform sent and opens their assignment of the linked course
 * (made if they have none), keeping the platform's line item for the score; a deep linking request lets an
 * instructor pick a published course, answered with a signed LtiDeepLinkingResponse.
 */
import crypto from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { recordAudit } from '../../../platform/audit/audit';
import { roleHas, isRole } from '../../../platform/auth/roles';
import { newSecret, sha256 } from '../../../platform/auth/secrets';
import { accountByEmail, actorOf, getUser, openSession } from '../../../platform/auth/users';
import type { Tx } from '../../../platform/db/connect';
import { addDays, todayInCalifornia } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import type { PiiKeys } from '../../../platform/pii/keys';
import { allCourses, courseByCode, insertAssignment, latestAssignment } from '../store';
import { toolKey } from './keys';
import { queueScores } from './scores';
import { activePlatform, insertDeepLink, insertState, platformById, takeDeepLink, takeState, upsertLink, type PlatformRow } from './store';

const lti = (name: string) => `https://purl.imsglobal.org/spec/lti/claim/${name}`;
const agsEndpoint = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const deepLinkingSettings = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
export const scoreScope = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const instructorRoles = [
  'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
];
/** [Policy] An assignment a platform's launch makes (the learner had none) falls due in 30 days. */
export const ltiAssignmentDueDays = 30;
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const invalid = (message: string): never => {
  throw new AppError('unauthenticated', 'lti_launch_invalid', `The LTI launch is not valid: ${message}.`);
};

function required(params: Record<string, string | undefined>, name: string): string {
  const value = params[name];
  if (!value) throw new AppError('validation', 'lti_launch_invalid', `The LTI login initiation lacks ${name}.`, [{ path: name, message: 'required' }]);
  return value;
}

/** The platform's authorisation request URL, for the browser to go to (OIDC third-party initiated login). */
export async function loginInitiation(tx: Tx, params: Record<string, string | undefined>, origin: string): Promise<string> {
  const issuer = required(params, 'iss');
  const loginHint = required(params, 'login_hint');
  required(params, 'target_link_uri');
  const platforms = await activePlatform(tx, issuer, params.client_id);
  if (platforms.length !== 1)
    throw new AppError(
      'validation',
      'lti_platform_unknown',
      platforms.length === 0 ? `No active LTI platform is registered with issuer ${issuer}.` : `Several platforms use issuer ${issuer}: send client_id.`,
    );
  const platform = platforms[0]!;
  const state = newSecret();
  const nonce = newSecret();
  await insertState(tx, { state, nonce, platformId: platform.id, expiresAt: new Date(Date.now() + 10 * 60_000) });
  const url = new URL(platform.authLoginUrl);
  const query: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: `${origin}/api/lti/launch`,
    login_hint: loginHint,
    state,
    nonce,
    ...(params.lti_message_hint ? { lti_message_hint: params.lti_message_hint } : {}),
  };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

async function verifiedClaims(platform: PlatformRow, idToken: string, nonce: string): Promise<JWTPayload & Record<string, unknown>> {
  let keySet = keySets.get(platform.jwksUrl);
  if (!keySet) keySets.set(platform.jwksUrl, (keySet = createRemoteJWKSet(new URL(platform.jwksUrl))));
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet, { issuer: platform.issuer, audience: platform.clientId, algorithms: ['RS256', 'RS384', 'RS512'] }));
  } catch (error) {
    return invalid(`the id_token does not verify against the platform's keys (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== platform.clientId) invalid('azp must be Concord’s client id');
  if (payload.nonce !== nonce) invalid('the nonce is not the one Concord sent');
  if (payload[lti('version')] !== '1.3.0') invalid('the LTI version must be 1.3.0');
  const deployment = payload[lti('deployment_id')];
  if (typeof deployment !== 'string' || !platform.deploymentIds.includes(deployment))
    invalid(`deployment ${String(deployment)} is not registered for ${platform.name}`);
  return payload as JWTPayload & Record<string, unknown>;
}

export type LaunchOutcome =
  | { kind: 'resource'; sessionToken: string; assignmentId: string }
  | { kind: 'deep_link'; token: string; platformName: string; courses: { code: string; title: string }[] };

/** The launch the platform posts (id_token and state): a signed-in learner on their course, or an instructor's course picker. */
export async function launch(tx: Tx, form: { id_token?: string; state?: string }, sessionTtlMinutes: number, requestId: string | null): Promise<LaunchOutcome> {
  const pending = form.state ? await takeState(tx, form.state) : undefined;
  if (!pending) throw new AppError('unauthenticated', 'lti_state_unknown', 'The LTI launch is unknown or expired: launch again from the course site.');
  const platform = await platformById(tx, pending.platformId);
  if (!platform?.isActive) invalid('the platform is no longer registered');
  const claims = await verifiedClaims(platform!, form.id_token ?? '', pending.nonce);
  const deploymentId = claims[lti('deployment_id')] as string;
  const messageType = claims[lti('message_type')];
  if (messageType === 'LtiDeepLinkingRequest') {
    const roles = (claims[lti('roles')] as string[] | undefined) ?? [];
    if (!roles.some((r) => instructorRoles.includes(r)))
      throw new AppError('forbidden', 'lti_not_instructor', 'Only an instructor or administrator on the course site picks a Concord course.');
    const settings = claims[deepLinkingSettings] as { deep_link_return_url?: string; data?: string } | undefined;
    if (!settings?.deep_link_return_url) invalid('deep_link_return_url is missing');
    const token = newSecret();
    await insertDeepLink(tx, {
      tokenHash: sha256(token),
      platformId: platform!.id,
      deploymentId,
      returnUrl: settings!.deep_link_return_url!,
      data: settings!.data ?? null,
      expiresAt: new Date(Date.now() + 30 * 60_000),
    });
    const courses = (await allCourses(tx)).filter((c) => c.publishedVersion !== null).map((c) => ({ code: c.code, title: c.title }));
    return { kind: 'deep_link', token, platformName: platform!.name, courses };
  }
  if (messageType !== 'LtiResourceLinkRequest') invalid(`message type ${String(messageType)} is not one Concord handles`);
  const resourceLink = claims[lti('resource_link')] as { id?: string } | undefined;
  if (!resourceLink?.id) invalid('resource_link.id is missing');
  const email = typeof claims.email === 'string' ? claims.email : '';
  const account = email ? await accountByEmail(tx, email) : undefined;
  const user = account ? await getUser(tx, account.id) : undefined;
  if (!user?.isActive || !isRole(user.role) || !roleHas(user.role, 'training.learn'))
    throw new AppError(
      'forbidden',
      'lti_no_account',
      email
        ? 'The course site sent an email that no active Concord staff account has. Ask an administrator to create your account with the same email.'
        : 'The course site sent no email: ask its administrator to share the learner’s email with Concord.',
    );
  const custom = (claims[lti('custom')] as Record<string, unknown> | undefined) ?? {};
  const target = String(claims[lti('target_link_uri')] ?? '');
  const code = typeof custom.course === 'string' ? custom.course : URL.canParse(target) ? new URL(target).searchParams.get('course') : null;
  const course = code ? await courseByCode(tx, code) : undefined;
  if (!course?.publishedVersion)
    throw new AppError(
      'not_found',
      'lti_course_unknown',
      `The course site links to ${code ? `course ${code}` : 'no course'}, which Concord has not published.`,
    );
  let assignment = await latestAssignment(tx, user.id, course.id);
  if (!assignment) {
    const today = todayInCalifornia();
    assignment = await insertAssignment(tx, {
      userId: user.id,
      courseId: course.id,
      cycle: 1,
      courseVersion: course.publishedVersion,
      source: 'lti',
      assignedOn: today,
      dueOn: addDays(today, ltiAssignmentDueDays),
      status: 'assigned',
    });
  }
  const ags = claims[agsEndpoint] as { scope?: string[]; lineitem?: string } | undefined;
  const lineItemUrl = ags?.lineitem && (ags.scope ?? []).includes(scoreScope) ? ags.lineitem : null;
  await upsertLink(tx, {
    platformId: platform!.id,
    deploymentId,
    resourceLinkId: resourceLink!.id!,
    userId: user.id,
    subject: String(claims.sub),
    courseId: course.id,
    lineItemUrl,
  });
  // Completed before this link was made (in Concord or another platform): the platform gets the score now.
  if (assignment!.status === 'completed') await queueScores(tx, assignment!);
  const session = await openSession(tx, user.id, sessionTtlMinutes);
  await recordAudit(tx, actorOf(user, requestId), {
    action: 'training.lti.launch',
    entityType: 'training_assignment',
    entityId: assignment!.id,
    detail: { platform: platform!.name, resourceLink: resourceLink!.id },
  });
  return { kind: 'resource', sessionToken: session.sessionToken, assignmentId: assignment!.id };
}

/** The instructor's pick, as the signed LtiDeepLinkingResponse the browser posts back to the platform. */
export async function deepLinkResponse(
  tx: Tx,
  keys: PiiKeys,
  form: { token?: string; course?: string },
  origin: string,
): Promise<{ returnUrl: string; jwt: string }> {
  const pending = form.token ? await takeDeepLink(tx, sha256(form.token)) : undefined;
  if (!pending) throw new AppError('unauthenticated', 'lti_state_unknown', 'The course choice is unknown or expired: start again from the course site.');
  const platform = await platformById(tx, pending.platformId);
  const course = form.course ? await courseByCode(tx, form.course) : undefined;
  if (!platform || !course?.publishedVersion)
    throw new AppError('validation', 'lti_course_unknown', 'Choose one of the published courses.', [{ path: 'course', message: 'a published course' }]);
  const key = await toolKey(tx, keys);
  const jwt = await new SignJWT({
    nonce: crypto.randomUUID(),
    [lti('message_type')]: 'LtiDeepLinkingResponse',
    [lti('version')]: '1.3.0',
    [lti('deployment_id')]: pending.deploymentId,
    'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': [
      {
        type: 'ltiResourceLink',
        title: `${course.code} — ${course.title}`,
        url: `${origin}/api/lti/launch`,
        custom: { course: course.code },
        lineItem: { scoreMaximum: 100, label: `${course.code} — ${course.title}`, resourceId: course.code },
      },
    ],
    ...(pending.data ? { 'https://purl.imsglobal.org/spec/lti-dl/claim/data': pending.data } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
  return { returnUrl: pending.returnUrl, jwt };
}
