/**
 * The cmi5 launch protocol, Concord as the LMS (cmi5 sections 8–10): launching a lesson that is an
 * assignable unit opens a session — LMS.LaunchData written to the State resource, a `launched` statement,
 * and a launch URL carrying endpoint, fetch, actor, registration (the assignment's id) and activityId. The
 * fetch URL answers an auth token once: a credential for Concord's own LRS that expires with the session
 * and may only write the learner's statements and read the learner's documents. What the unit states is
 * held to cmi5's rules (its actor, registration and session; initialized first; completed and passed once;
 * passed only at or above masteryScore; nothing after terminated), and its moveOn criterion met marks the
 * lesson done, completing the assignment when it was the last; the course's `satisfied` follows.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/scope';
import { newSecret, sha256 } from '../../../platform/auth/secrets';
import { getUser } from '../../../platform/auth/users';
import type { Tx } from '../../../platform/db/connect';
import { AppError } from '../../../platform/errors';
import type { Cmi5Launch, Lesson } from '../contract';
import { lessonDone, lessonOf } from '../learning';
import { learnerAssignment, learningProgress, updateAssignment, type AssignmentRow } from '../store';
import { writeStateDocument } from '../xapi/documents';
import { concordAuthority, storeStatements } from '../xapi/lrs';
import { ifiOf, isObject, type Json } from '../xapi/statement';
import { insertClient, updateClient, type Client } from '../xapi/store';
import { insertSession, packageById, sessionByFetchToken, sessionById, unitOutcome, updateSession, type SessionRow } from './store';
import { learnerAgent, rule } from './guard';
import { isMoveOnMet } from './structure';

/** [Policy] A launch's credential works for 8 hours (a working day's sitting); the unit is launched again after. */
export const sessionHours = 8;
/** What a session's credential may do (xapi/scopes.ts); the session rules below narrow it to the learner. */
const sessionScopes = ['statements/write', 'statements/read/mine', 'state', 'profile'];
export const sessionIdExtension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const verb = (name: string) => `http://adlnet.gov/expapi/verbs/${name}`;
const cmi5Verbs = ['initialized', 'completed', 'passed', 'failed', 'terminated'].map(verb);
const satisfiedVerb = 'https://w3id.org/xapi/adl/verbs/satisfied';
const cmi5Category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';

async function unitLesson(tx: Tx, row: AssignmentRow, lessonId: string): Promise<Lesson & { au: NonNullable<Lesson['au']> }> {
  const lesson = await lessonOf(tx, row, lessonId);
  if (!lesson.au) throw new AppError('validation', 'lesson_not_cmi5', `“${lesson.title}” is not cmi5 content: it is read in Concord.`);
  return lesson as Lesson & { au: NonNullable<Lesson['au']> };
}

/** Launches one of my lessons that is a cmi5 unit: the URL to open (on Concord's origin, `origin`). */
export async function launchUnit(tx: Tx, actor: Actor, assignmentId: string, lessonId: string, origin: string): Promise<Cmi5Launch> {
  authorize(actor, 'training.learn');
  const row = actor.userId ? await learnerAssignment(tx, actor.userId, assignmentId) : undefined;
  if (!row) throw new AppError('not_found', 'assignment_not_found', `Assignment ${assignmentId} was not found.`);
  const lesson = await unitLesson(tx, row, lessonId);
  const pkg = await packageById(tx, lesson.au.packageId);
  if (!pkg) throw new AppError('conflict', 'cmi5_package_missing', `The content of “${lesson.title}” is missing: ask the course's trainer to import it again.`);
  const user = await getUser(tx, row.userId);
  const agent = learnerAgent(user.id, user.displayName);
  const token = newSecret();
  const session = await insertSession(tx, {
    assignmentId,
    userId: row.userId,
    lessonId,
    packageId: pkg.id,
    auActivityId: lesson.au.activityId,
    fetchTokenHash: sha256(token),
  });
  const launchData: { [key: string]: Json } = {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: pkg.courseActivityId }] },
      extensions: { [sessionIdExtension]: session.id },
    },
    launchMode: 'Normal',
    launchMethod: lesson.au.launchMethod,
    moveOn: lesson.au.moveOn,
    returnURL: `${origin}/training/assignments/${assignmentId}`,
    ...(lesson.au.masteryScore !== null ? { masteryScore: lesson.au.masteryScore } : {}),
    ...(lesson.au.launchParameters !== null ? { launchParameters: lesson.au.launchParameters } : {}),
  };
  await writeStateDocument(tx, { activityId: lesson.au.activityId, agent, registration: assignmentId, stateId: 'LMS.LaunchData' }, launchData);
  await storeStatements(tx, concordAuthority, null, [
    {
      actor: agent,
      verb: { id: verb('launched'), display: { 'en-US': 'launched' } },
      object: { objectType: 'Activity', id: lesson.au.activityId },
      context: {
        registration: assignmentId,
        contextActivities: { grouping: [{ objectType: 'Activity', id: pkg.courseActivityId }], category: [{ objectType: 'Activity', id: cmi5Category }] },
        extensions: {
          [sessionIdExtension]: session.id,
          'https://w3id.org/xapi/cmi5/context/extensions/launchmode': 'Normal',
          'https://w3id.org/xapi/cmi5/context/extensions/moveon': lesson.au.moveOn,
          ...(lesson.au.launchParameters !== null ? { 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters': lesson.au.launchParameters } : {}),
        },
      },
      timestamp: new Date().toISOString(),
    },
  ]);
  if (row.status === 'assigned') await updateAssignment(tx, row.id, { status: 'in_progress' });
  // moveOn NotApplicable: the unit counts as met when it is launched (cmi5 10.0).
  if (lesson.au.moveOn === 'NotApplicable' && (await lessonDone(tx, row, lesson, 'cmi5')) && row.status !== 'completed') await stateSatisfied(tx, session, row);
  await recordAudit(tx, actor, {
    action: 'training.cmi5.launch',
    entityType: 'training_assignment',
    entityId: assignmentId,
    detail: { lessonId, session: session.id },
  });
  const query = new URLSearchParams({
    endpoint: `${origin}/xapi/`,
    fetch: `${origin}/api/training/cmi5/fetch/${token}`,
    actor: JSON.stringify(agent),
    registration: assignmentId,
    activityId: lesson.au.activityId,
  });
  const url = `${origin}/api/training/cmi5/content/${pkg.id}/${lesson.au.url}`;
  return { url: `${url}${url.includes('?') ? '&' : '?'}${query.toString()}`, launchMethod: lesson.au.launchMethod };
}

/** The fetch URL's answer (cmi5 8.2): the auth token the first time; error-code 1 after, 2 once the session expired, 3 for no such launch. */
export async function fetchAuthToken(tx: Tx, token: string): Promise<{ 'auth-token': string } | { 'error-code': string; 'error-text': string }> {
  const session = await sessionByFetchToken(tx, sha256(token));
  if (!session) return { 'error-code': '3', 'error-text': 'There is no launch with this fetch URL.' };
  if (session.fetchedAt) return { 'error-code': '1', 'error-text': 'This launch has already fetched its token: launch the lesson again from Concord.' };
  const expiresAt = new Date(session.launchedAt.getTime() + sessionHours * 3_600_000);
  if (expiresAt <= new Date()) return { 'error-code': '2', 'error-text': 'This launch has expired: launch the lesson again from Concord.' };
  const key = `cmi5-${crypto.randomBytes(9).toString('hex')}`;
  const secret = newSecret();
  await insertClient(tx, { name: `cmi5 session ${session.id}`, key, secretHash: sha256(secret), scopes: sessionScopes, cmi5SessionId: session.id, expiresAt });
  await updateSession(tx, session.id, { fetchedAt: new Date() });
  return { 'auth-token': Buffer.from(`${key}:${secret}`).toString('base64') };
}

interface Reported {
  verb: string;
  result: { success?: boolean; completion?: boolean; score?: { scaled?: number } };
}

/**
 * Checks what a session's credential sends against cmi5's rules before anything is stored, and returns
 * what to do once it is: record the session's progress and, if the unit's moveOn is now met, mark the lesson
 * done. Statements about other activities (a unit's own interactions) pass with only the actor and
 * registration checked.
 */
export async function judgeSessionStatements(tx: Tx, client: Client, inputs: Json[]): Promise<() => Promise<void>> {
  const session = await sessionById(tx, client.cmi5SessionId!, true);
  if (!session) rule('the session is unknown');
  if (session.terminatedAt) rule('the session has terminated');
  const row = (await learnerAssignment(tx, session.userId, session.assignmentId))!;
  const lesson = await unitLesson(tx, row, session.lessonId);
  const outcome = await unitOutcome(tx, session.assignmentId, session.lessonId);
  const state = { initialized: session.initializedAt !== null, completed: outcome.isCompleted, passed: outcome.isPassed, terminated: false };
  const reported: Reported[] = [];
  const learner = ifiOf(learnerAgent(session.userId));
  for (const input of inputs) {
    if (!isObject(input)) continue;
    if (ifiOf(input.actor) !== learner) rule('a statement’s actor must be the learner who launched the unit');
    const context = isObject(input.context) ? input.context : {};
    if (String(context.registration ?? '').toLowerCase() !== session.assignmentId) rule('a statement’s registration must be the launch’s');
    const verbId = isObject(input.verb) ? String(input.verb.id) : '';
    const object = isObject(input.object) ? input.object : {};
    if (object.id !== session.auActivityId || !cmi5Verbs.includes(verbId)) continue;
    const extensions = isObject(context.extensions) ? context.extensions : {};
    if (extensions[sessionIdExtension] !== session.id) rule('a cmi5 statement carries its session id (the launch data’s context template)');
    if (state.terminated) rule('nothing follows terminated in a session');
    const name = verbId.slice(verb('').length);
    if (name !== 'initialized' && !state.initialized) rule(`${name} comes after initialized`);
    const result = (isObject(input.result) ? input.result : {}) as Reported['result'];
    const scaled = typeof result.score?.scaled === 'number' ? result.score.scaled : undefined;
    const mastery = lesson.au.masteryScore;
    if (name === 'initialized' && state.initialized) rule('a session is initialized once');
    if (name === 'completed' && state.completed) rule('a unit is completed once in a registration');
    if (name === 'passed' && state.passed) rule('a unit is passed once in a registration');
    if (name === 'passed' && mastery !== null && (scaled === undefined || scaled < mastery))
      rule(`passed needs a scaled score of at least ${mastery} (the masteryScore)`);
    if (name === 'failed' && mastery !== null && scaled !== undefined && scaled >= mastery)
      rule(`failed needs a scaled score below ${mastery} (the masteryScore)`);
    if (name === 'initialized') state.initialized = true;
    if (name === 'completed') state.completed = true;
    if (name === 'passed') state.passed = true;
    if (name === 'terminated') state.terminated = true;
    reported.push({ verb: name, result });
  }
  return async () => {
    if (reported.length === 0) return;
    const passed = reported.find((r) => r.verb === 'passed' || r.verb === 'failed');
    await updateSession(tx, session.id, {
      ...(reported.some((r) => r.verb === 'initialized') ? { initializedAt: new Date() } : {}),
      ...(reported.some((r) => r.verb === 'completed') ? { isCompleted: true } : {}),
      ...(reported.some((r) => r.verb === 'passed') ? { isPassed: true } : {}),
      ...(reported.some((r) => r.verb === 'failed') ? { isFailed: true } : {}),
      ...(typeof passed?.result.score?.scaled === 'number' ? { scaledScore: String(passed.result.score.scaled) } : {}),
      ...(state.terminated ? { terminatedAt: new Date() } : {}),
    });
    // A terminated session's credential stops working at once.
    if (state.terminated) await updateClient(tx, client.key, { isActive: false });
    if (!isMoveOnMet(lesson.au.moveOn, { isCompleted: state.completed, isPassed: state.passed })) return;
    if (((await learningProgress(tx, [row.id])).lessonsDone.get(row.id) ?? []).includes(lesson.id)) return;
    if ((await lessonDone(tx, row, lesson, 'cmi5')) && row.status !== 'completed') await stateSatisfied(tx, session, row);
  };
}

/** The LMS's `satisfied` for the course once every lesson is done (cmi5 9.3.9). */
async function stateSatisfied(tx: Tx, session: SessionRow, row: AssignmentRow): Promise<void> {
  const pkg = await packageById(tx, session.packageId);
  if (!pkg) return;
  await storeStatements(tx, concordAuthority, null, [
    {
      actor: learnerAgent(row.userId),
      verb: { id: satisfiedVerb, display: { 'en-US': 'satisfied' } },
      object: { objectType: 'Activity', id: pkg.courseActivityId, definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/course' } },
      context: {
        registration: row.id,
        contextActivities: { category: [{ objectType: 'Activity', id: cmi5Category }] },
        extensions: { [sessionIdExtension]: session.id },
      },
      timestamp: new Date().toISOString(),
    },
  ]);
}
