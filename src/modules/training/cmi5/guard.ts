/**
 * What a cmi5 session's LRS credential may reach beyond its scopes: only its own learner's documents, and
 * never a write to LMS.LaunchData (the LMS's own, cmi5 10.0). The xAPI document routes ask on every request.
 */
import type { Db } from '../../../platform/db/connect';
import { AppError } from '../../../platform/errors';
import { ifiOf, type Json } from '../xapi/statement';
import type { Client } from '../xapi/store';
import { sessionById } from './store';

const learnerHome = 'https://concord.dcss.ca.gov';

export function rule(message: string): never {
  throw new AppError('forbidden', 'cmi5_session_rule', `cmi5: ${message}`);
}

/** The learner as cmi5 names them: an Agent with an account on Concord (cmi5 9.2). */
export function learnerAgent(userId: string, name?: string): { [key: string]: Json } {
  return { objectType: 'Agent', ...(name ? { name } : {}), account: { homePage: learnerHome, name: userId } };
}

/**
 * A session's credential reads and writes only its learner's documents, and never writes LMS.LaunchData
 * (the LMS's own, cmi5 10.0). Checked on every request of a session's credential, before the handler.
 */
export async function guardSessionRequest(db: Db, client: Client, method: string, path: string, query: Record<string, string | undefined>): Promise<void> {
  if (!client.cmi5SessionId || !/^\/xapi\/(activities\/state|agents\/profile|agents)\b/.test(path)) return;
  const session = await sessionById(db, client.cmi5SessionId, false);
  if (!session) rule('the session is unknown');
  let agent: Json | undefined;
  try {
    agent = JSON.parse(query.agent ?? 'null') as Json;
  } catch {
    agent = undefined;
  }
  if (ifiOf(agent) !== ifiOf(learnerAgent(session.userId))) rule('a session reads and writes only its own learner’s documents');
  if (method !== 'GET' && method !== 'HEAD' && (query.stateId === 'LMS.LaunchData' || (method === 'DELETE' && !query.stateId)))
    throw new AppError('forbidden', 'cmi5_launch_data_read_only', 'cmi5: LMS.LaunchData is the LMS’s and read-only.');
}
