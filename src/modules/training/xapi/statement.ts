/**
 * xAPI 1.0.3 statements, pure: validation against the Data part of the specification (every problem
 * named by its JSON path), the inverse functional identifier of an agent, what a statement relates to
 * (for the agent and activity filters), comparison of two statements, and the `ids` and `canonical`
 * formats. No I/O.
 */
import { isDeepStrictEqual } from 'node:util';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Statement = { [key: string]: Json };

export class StatementError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const irlPattern = /^[a-z][a-z0-9+.-]*:[^\s]*$/i;
const languageTag = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
// ISO 8601:2004 4.4.3.2: weeks stand alone (P4W), never beside years, months or days (P4W1D is refused).
const isoDuration = /^P(?:\d+(?:\.\d+)?W|(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?)$/;
export const voidedVerb = 'http://adlnet.gov/expapi/verbs/voided';

export function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new StatementError(path, message);
}

function only(value: { [key: string]: Json }, allowed: string[], path: string): void {
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, 'is not a property the specification allows here');
    if (v === null) fail(`${path}.${key}`, 'must not be null');
  }
}

function iri(value: Json | undefined, path: string): string {
  if (typeof value !== 'string' || !irlPattern.test(value)) fail(path, 'must be an absolute IRI');
  return value;
}

function languageMap(value: Json | undefined, path: string): void {
  if (!isObject(value)) fail(path, 'must be a language map');
  for (const [tag, text] of Object.entries(value)) {
    if (!languageTag.test(tag)) fail(`${path}.${tag}`, 'is not a valid language tag');
    if (typeof text !== 'string') fail(`${path}.${tag}`, 'must be a string');
  }
}

function timestamp(value: Json | undefined, path: string): void {
  if (typeof value !== 'string' || !isoTimestamp.test(value) || Number.isNaN(Date.parse(value))) fail(path, 'must be an ISO 8601 timestamp with a time zone');
  // RFC 3339 reads -00:00 as "offset unknown", which xAPI does not allow (Data 4.5.s1.b1): UTC is Z or +00:00.
  if (/-00:?00$/.test(value)) fail(path, 'must not use the offset -00:00 (write Z or +00:00 for UTC)');
}

function extensions(value: Json | undefined, path: string): void {
  if (!isObject(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) iri(key, `${path}.${key}`);
}

/** The inverse functional identifier of an agent or identified group, as one comparable string; null if it has none. */
export function ifiOf(agent: Json | undefined): string | null {
  if (!isObject(agent)) return null;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  if (isObject(agent.account)) return `account:${String(agent.account.homePage)}|${String(agent.account.name)}`;
  return null;
}

function agent(value: Json | undefined, path: string, options: { isGroupAllowed: boolean }): void {
  if (!isObject(value)) fail(path, 'must be an Agent or Group object');
  const kind = value.objectType ?? 'Agent';
  if (kind !== 'Agent' && kind !== 'Group') fail(`${path}.objectType`, 'must be Agent or Group');
  if (kind === 'Group' && !options.isGroupAllowed) fail(`${path}.objectType`, 'a Group is not allowed here');
  only(value, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account', ...(kind === 'Group' ? ['member'] : [])], path);
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => value[k] !== undefined);
  if (ifis.length > 1) fail(path, 'must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)');
  if (ifis.length === 0 && kind === 'Agent') fail(path, 'an Agent must have an inverse functional identifier');
  if (value.name !== undefined && typeof value.name !== 'string') fail(`${path}.name`, 'must be a string');
  if (value.mbox !== undefined && (typeof value.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(value.mbox)))
    fail(`${path}.mbox`, 'must be a mailto: IRI');
  if (value.mbox_sha1sum !== undefined && (typeof value.mbox_sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(value.mbox_sha1sum)))
    fail(`${path}.mbox_sha1sum`, 'must be a SHA-1 hex string');
  if (value.openid !== undefined) iri(value.openid, `${path}.openid`);
  if (value.account !== undefined) {
    if (!isObject(value.account)) fail(`${path}.account`, 'must be an object');
    only(value.account, ['homePage', 'name'], `${path}.account`);
    iri(value.account.homePage, `${path}.account.homePage`);
    if (typeof value.account.name !== 'string') fail(`${path}.account.name`, 'must be a string');
  }
  if (kind === 'Group') {
    if (ifis.length === 0 && !Array.isArray(value.member)) fail(`${path}.member`, 'an anonymous Group must list its members');
    if (value.member !== undefined) {
      if (!Array.isArray(value.member)) fail(`${path}.member`, 'must be an array');
      value.member.forEach((m, i) => agent(m, `${path}.member[${i}]`, { isGroupAllowed: false }));
    }
  }
}

/** An authority is an Agent, or an anonymous Group of exactly two Agents (an OAuth consumer and user; Data 2.4.9.s3.b1). */
function authority(value: Json | undefined, path: string): void {
  agent(value, path, { isGroupAllowed: true });
  if (!isObject(value) || value.objectType !== 'Group') return;
  if (ifiOf(value) !== null) fail(path, 'a Group authority must be anonymous (no mbox, mbox_sha1sum, openid or account)');
  if (!Array.isArray(value.member) || value.member.length !== 2) fail(`${path}.member`, 'a Group authority has exactly two Agents');
}

function activity(value: { [key: string]: Json }, path: string): void {
  only(value, ['objectType', 'id', 'definition'], path);
  iri(value.id, `${path}.id`);
  if (value.definition === undefined) return;
  const definition = value.definition;
  if (!isObject(definition)) fail(`${path}.definition`, 'must be an object');
  only(
    definition,
    ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'],
    `${path}.definition`,
  );
  if (definition.name !== undefined) languageMap(definition.name, `${path}.definition.name`);
  if (definition.description !== undefined) languageMap(definition.description, `${path}.definition.description`);
  if (definition.type !== undefined) iri(definition.type, `${path}.definition.type`);
  if (definition.moreInfo !== undefined) iri(definition.moreInfo, `${path}.definition.moreInfo`);
  if (definition.extensions !== undefined) extensions(definition.extensions, `${path}.definition.extensions`);
  const interactionTypes = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
  if (definition.interactionType !== undefined && !interactionTypes.includes(String(definition.interactionType)))
    fail(`${path}.definition.interactionType`, `must be one of ${interactionTypes.join(', ')}`);
  if (definition.correctResponsesPattern !== undefined) {
    if (definition.interactionType === undefined) fail(`${path}.definition.interactionType`, 'is required with correctResponsesPattern');
    if (!Array.isArray(definition.correctResponsesPattern) || definition.correctResponsesPattern.some((p) => typeof p !== 'string'))
      fail(`${path}.definition.correctResponsesPattern`, 'must be an array of strings');
  }
  for (const key of ['choices', 'scale', 'source', 'target', 'steps'] as const) {
    const components = definition[key];
    if (components === undefined) continue;
    if (definition.interactionType === undefined) fail(`${path}.definition.interactionType`, `is required with ${key}`);
    if (!Array.isArray(components)) fail(`${path}.definition.${key}`, 'must be an array of interaction components');
    const ids = new Set<string>();
    components.forEach((component, i) => {
      const where = `${path}.definition.${key}[${i}]`;
      if (!isObject(component)) fail(where, 'must be an interaction component');
      only(component, ['id', 'description'], where);
      if (typeof component.id !== 'string' || component.id === '') fail(`${where}.id`, 'must be a non-empty string');
      if (ids.has(component.id)) fail(`${where}.id`, 'must be unique within the list');
      ids.add(component.id);
      if (component.description !== undefined) languageMap(component.description, `${where}.description`);
    });
  }
}

function statementObject(value: Json | undefined, path: string, isSubStatement: boolean): void {
  if (!isObject(value)) fail(path, 'must be an object');
  const kind = value.objectType ?? 'Activity';
  switch (kind) {
    case 'Activity':
      return activity(value, path);
    case 'Agent':
    case 'Group':
      return agent(value, path, { isGroupAllowed: true });
    case 'StatementRef':
      only(value, ['objectType', 'id'], path);
      if (typeof value.id !== 'string' || !uuidPattern.test(value.id)) fail(`${path}.id`, 'must be a UUID');
      return;
    case 'SubStatement':
      if (isSubStatement) fail(`${path}.objectType`, 'a SubStatement cannot contain a SubStatement');
      only(value, ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'], path);
      return body(value, path, true);
    default:
      fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function body(value: { [key: string]: Json }, path: string, isSubStatement: boolean): void {
  agent(value.actor, `${path}.actor`, { isGroupAllowed: true });
  if (!isObject(value.verb)) fail(`${path}.verb`, 'is required');
  only(value.verb, ['id', 'display'], `${path}.verb`);
  iri(value.verb.id, `${path}.verb.id`);
  if (value.verb.display !== undefined) languageMap(value.verb.display, `${path}.verb.display`);
  statementObject(value.object, `${path}.object`, isSubStatement);
  if (value.verb.id === voidedVerb && !isSubStatement && (!isObject(value.object) || value.object.objectType !== 'StatementRef'))
    fail(`${path}.object`, 'a voiding statement must have a StatementRef object');
  if (value.result !== undefined) {
    const result = value.result;
    if (!isObject(result)) fail(`${path}.result`, 'must be an object');
    only(result, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], `${path}.result`);
    if (result.success !== undefined && typeof result.success !== 'boolean') fail(`${path}.result.success`, 'must be true or false');
    if (result.completion !== undefined && typeof result.completion !== 'boolean') fail(`${path}.result.completion`, 'must be true or false');
    if (result.response !== undefined && typeof result.response !== 'string') fail(`${path}.result.response`, 'must be a string');
    if (result.duration !== undefined && (typeof result.duration !== 'string' || !isoDuration.test(result.duration)))
      fail(`${path}.result.duration`, 'must be an ISO 8601 duration');
    if (result.extensions !== undefined) extensions(result.extensions, `${path}.result.extensions`);
    if (result.score !== undefined) {
      const score = result.score;
      if (!isObject(score)) fail(`${path}.result.score`, 'must be an object');
      only(score, ['scaled', 'raw', 'min', 'max'], `${path}.result.score`);
      for (const key of ['scaled', 'raw', 'min', 'max'])
        if (score[key] !== undefined && typeof score[key] !== 'number') fail(`${path}.result.score.${key}`, 'must be a number');
      const { scaled, raw, min, max } = score as { scaled?: number; raw?: number; min?: number; max?: number };
      if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.result.score.scaled`, 'must be between -1 and 1');
      if (min !== undefined && max !== undefined && min > max) fail(`${path}.result.score.min`, 'must not exceed max');
      if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max)))
        fail(`${path}.result.score.raw`, 'must lie between min and max');
    }
  }
  if (value.context !== undefined) {
    const context = value.context;
    if (!isObject(context)) fail(`${path}.context`, 'must be an object');
    only(
      context,
      ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'],
      `${path}.context`,
    );
    if (context.registration !== undefined && (typeof context.registration !== 'string' || !uuidPattern.test(context.registration)))
      fail(`${path}.context.registration`, 'must be a UUID');
    if (context.instructor !== undefined) agent(context.instructor, `${path}.context.instructor`, { isGroupAllowed: true });
    if (context.team !== undefined) {
      agent(context.team, `${path}.context.team`, { isGroupAllowed: true });
      if (!isObject(context.team) || context.team.objectType !== 'Group') fail(`${path}.context.team`, 'must be a Group');
    }
    const objectIsActivity = isObject(value.object) && (value.object.objectType ?? 'Activity') === 'Activity';
    for (const key of ['revision', 'platform'] as const) {
      if (context[key] === undefined) continue;
      if (typeof context[key] !== 'string') fail(`${path}.context.${key}`, 'must be a string');
      if (!objectIsActivity) fail(`${path}.context.${key}`, 'is allowed only when the object is an Activity');
    }
    if (context.language !== undefined && (typeof context.language !== 'string' || !languageTag.test(context.language)))
      fail(`${path}.context.language`, 'must be a language tag');
    if (context.statement !== undefined) statementObject(context.statement, `${path}.context.statement`, true);
    if (context.extensions !== undefined) extensions(context.extensions, `${path}.context.extensions`);
    if (context.contextActivities !== undefined) {
      const activities = context.contextActivities;
      if (!isObject(activities)) fail(`${path}.context.contextActivities`, 'must be an object');
      only(activities, ['parent', 'grouping', 'category', 'other'], `${path}.context.contextActivities`);
      for (const [key, list] of Object.entries(activities)) {
        const items = Array.isArray(list) ? list : [list];
        items.forEach((item, i) => {
          if (!isObject(item)) fail(`${path}.context.contextActivities.${key}[${i}]`, 'must be an Activity');
          activity(item, `${path}.context.contextActivities.${key}[${i}]`);
        });
      }
    }
  }
  if (value.timestamp !== undefined) timestamp(value.timestamp, `${path}.timestamp`);
}

/**
 * Checks a statement as received and returns it normalised (single context activities as arrays).
 * Throws StatementError naming the first problem's path. An attachment without a fileUrl has its data
 * in the request's parts, which the caller matches (attachments.ts).
 */
export function validateStatement(input: Json, path = 'statement'): Statement {
  if (!isObject(input)) fail(path, 'must be a JSON object');
  only(input, ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'], path);
  if (input.id !== undefined && (typeof input.id !== 'string' || !uuidPattern.test(input.id))) fail(`${path}.id`, 'must be a UUID');
  if (input.version !== undefined && (typeof input.version !== 'string' || !/^1\.0(\.\d+)?$/.test(input.version)))
    fail(`${path}.version`, 'must be a 1.0.x version');
  if (input.stored !== undefined) timestamp(input.stored, `${path}.stored`);
  if (input.authority !== undefined) authority(input.authority, `${path}.authority`);
  if (input.attachments !== undefined) {
    if (!Array.isArray(input.attachments)) fail(`${path}.attachments`, 'must be an array');
    input.attachments.forEach((a, i) => {
      if (!isObject(a)) fail(`${path}.attachments[${i}]`, 'must be an object');
      only(a, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], `${path}.attachments[${i}]`);
      iri(a.usageType, `${path}.attachments[${i}].usageType`);
      languageMap(a.display, `${path}.attachments[${i}].display`);
      if (a.description !== undefined) languageMap(a.description, `${path}.attachments[${i}].description`);
      if (typeof a.contentType !== 'string') fail(`${path}.attachments[${i}].contentType`, 'must be a string');
      if (typeof a.length !== 'number' || !Number.isInteger(a.length)) fail(`${path}.attachments[${i}].length`, 'must be an integer');
      if (typeof a.sha2 !== 'string') fail(`${path}.attachments[${i}].sha2`, 'must be a string');
      // Without a fileUrl, the data comes as a part of a multipart/mixed request (attachments.ts matches them).
      if (a.fileUrl !== undefined) iri(a.fileUrl, `${path}.attachments[${i}].fileUrl`);
    });
  }
  body(input, path, false);
  const normalised = structuredClone(input) as Statement;
  const asArrays = (context: Json | undefined) => {
    if (!isObject(context) || !isObject(context.contextActivities)) return;
    for (const key of Object.keys(context.contextActivities)) {
      const list = context.contextActivities[key]!;
      if (!Array.isArray(list)) context.contextActivities[key] = [list];
    }
  };
  asArrays(normalised.context);
  if (isObject(normalised.object) && normalised.object.objectType === 'SubStatement') asArrays(normalised.object.context);
  return normalised;
}

/** Activities and agents a statement relates to: its own (for `activity` and `agent`) and the broad sets (`related_*`). */
export function relations(statement: Statement) {
  const activityIds = (value: Json | undefined): string[] => {
    if (!isObject(value)) return [];
    const own = (value.objectType ?? 'Activity') === 'Activity' && typeof value.id === 'string' ? [value.id] : [];
    const context = isObject(value.context) && isObject(value.context.contextActivities) ? value.context.contextActivities : {};
    const fromContext = Object.values(context).flatMap((list) => (Array.isArray(list) ? list : [list]).map((a) => (isObject(a) ? String(a.id) : '')));
    return [...own, ...fromContext];
  };
  const agentsOf = (value: Json | undefined): string[] => {
    if (!isObject(value)) return [];
    const members = Array.isArray(value.member) ? value.member.map((m) => ifiOf(m)) : [];
    return [ifiOf(value), ...members].filter((x): x is string => x !== null);
  };
  const object = statement.object;
  const isSub = isObject(object) && object.objectType === 'SubStatement';
  const objectIsAgent = isObject(object) && (object.objectType === 'Agent' || object.objectType === 'Group');
  const context = isObject(statement.context) ? statement.context : {};
  const own = {
    activity: isObject(object) && (object.objectType ?? 'Activity') === 'Activity' ? String(object.id) : null,
    agents: [...agentsOf(statement.actor), ...(objectIsAgent ? agentsOf(object) : [])],
  };
  const relatedActivities = [
    ...activityIds({ ...(isObject(object) ? object : {}), context: context as Json }),
    ...(isSub ? activityIds(isObject(object) ? object.object : undefined) : []),
  ];
  if (isSub && isObject(object))
    relatedActivities.push(...activityIds({ objectType: 'Activity', id: '', context: object.context ?? null }).filter((id) => id !== ''));
  const relatedAgents = [
    ...own.agents,
    ...agentsOf(statement.authority),
    ...agentsOf(context.instructor),
    ...agentsOf(context.team),
    ...(isSub && isObject(object)
      ? [
          ...agentsOf(object.actor),
          ...agentsOf(object.object),
          ...(isObject(object.context) ? [...agentsOf(object.context.instructor), ...agentsOf(object.context.team)] : []),
        ]
      : []),
  ];
  return {
    ownActivity: own.activity,
    ownAgents: [...new Set(own.agents)],
    relatedActivities: [...new Set(relatedActivities.filter(Boolean))],
    relatedAgents: [...new Set(relatedAgents)],
  };
}

/** Two statements are the same if they agree apart from what the LRS sets (stored, authority, version) and timestamp spelling. */
export function isSameStatement(a: Statement, b: Statement): boolean {
  const strip = ({ stored: _s, authority: _a, version: _v, timestamp, ...rest }: Statement) => ({
    ...rest,
    timestamp: typeof timestamp === 'string' ? Date.parse(timestamp) : null,
  });
  return isDeepStrictEqual(strip(a), strip(b));
}

/**
 * The `ids` format (Communication 2.1.3): agents and groups by objectType and identifier only (an anonymous
 * group by its members'), activities by id, verbs by id — in the statement and in its sub-statement.
 */
export function idsFormat(statement: Statement): Statement {
  const agentIds = (value: Json | undefined): Json | undefined => {
    if (!isObject(value)) return value;
    const ifi = ['mbox', 'mbox_sha1sum', 'openid', 'account'].find((k) => value[k] !== undefined);
    const out: { [key: string]: Json } = { objectType: value.objectType ?? 'Agent' };
    if (ifi) out[ifi] = value[ifi]!;
    else if (Array.isArray(value.member)) out.member = value.member.map((m) => agentIds(m)!);
    return out;
  };
  const verbId = (verb: Json | undefined): Json => ({ id: (verb as { id: string }).id });
  const reduceObject = (o: Json | undefined): Json | undefined => {
    if (!isObject(o)) return o;
    const kind = o.objectType ?? 'Activity';
    if (kind === 'Activity') return { id: o.id! };
    if (kind === 'Agent' || kind === 'Group') return agentIds(o);
    if (kind === 'SubStatement') return { ...o, actor: agentIds(o.actor)!, verb: verbId(o.verb), object: reduceObject(o.object)! };
    return o;
  };
  return {
    ...statement,
    actor: agentIds(statement.actor)!,
    verb: verbId(statement.verb),
    object: reduceObject(statement.object)!,
    ...(statement.authority ? { authority: agentIds(statement.authority)! } : {}),
  };
}

/**
 * The `canonical` format: every language map in the statement — verbs' displays, activity definitions'
 * names and descriptions (the object's, the context activities', the sub-statement's), interaction
 * components and attachments — holds one language, the first of the Accept-Language preferences it has.
 * Agents' names are strings, not language maps; extensions are the author's own JSON and stay as they are.
 */
export function canonicalFormat(statement: Statement, languages: string[]): Statement {
  const pick = (map: { [key: string]: Json }): Json => {
    const tags = Object.keys(map);
    const chosen =
      languages.map((l) => tags.find((t) => t.toLowerCase() === l.toLowerCase() || t.toLowerCase().startsWith(`${l.toLowerCase()}-`))).find(Boolean) ?? tags[0];
    return chosen === undefined ? {} : { [chosen]: map[chosen]! };
  };
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if (key === 'extensions') return [key, v];
        if ((key === 'display' || key === 'name' || key === 'description') && isObject(v)) return [key, pick(v)];
        return [key, walk(v)];
      }),
    );
  };
  return walk(statement) as Statement;
}
