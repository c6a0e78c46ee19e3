/**
 * LTI 1.3 platforms registered by a statewide administrator (`users.manage`, state scope: a platform's
 * launch signs its user in to Concord by email, whatever their LCSA, so registering one is a statewide
 * identity decision — an LCSA administrator may not). Every change audited.
 */
import { recordAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, requireStatewide } from '../../../platform/auth/scope';
import type { Tx } from '../../../platform/db/connect';
import { AppError } from '../../../platform/errors';
import type { LtiPlatform, LtiPlatforms, NewLtiPlatform } from '../contract';
import { allPlatforms, insertPlatform, updatePlatform, type PlatformRow } from './store';

function authorizeAdmin(actor: Actor): void {
  authorize(actor, 'users.manage');
  requireStatewide(actor, 'LTI platforms sign people in statewide: a statewide administrator registers them.');
}

const viewOf = (row: PlatformRow): LtiPlatform => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.clientId,
  deploymentIds: row.deploymentIds,
  authLoginUrl: row.authLoginUrl,
  accessTokenUrl: row.accessTokenUrl,
  jwksUrl: row.jwksUrl,
  isActive: row.isActive,
  createdAt: row.createdAt.toISOString(),
});

/** Where the platform reaches Concord, for the administrator to enter in the platform's tool registration. */
export function toolConfig(origin: string): LtiPlatforms['tool'] {
  return {
    loginUrl: `${origin}/api/lti/login`,
    redirectUrl: `${origin}/api/lti/launch`,
    jwksUrl: `${origin}/api/lti/jwks`,
    deepLinkingUrl: `${origin}/api/lti/launch`,
  };
}

export async function listPlatforms(tx: Tx, actor: Actor, origin: string): Promise<LtiPlatforms> {
  authorizeAdmin(actor);
  return { platforms: (await allPlatforms(tx)).map(viewOf), tool: toolConfig(origin) };
}

export async function registerPlatform(tx: Tx, actor: Actor, input: NewLtiPlatform): Promise<LtiPlatform> {
  authorizeAdmin(actor);
  const row = await insertPlatform(tx, { ...input, deploymentIds: [...new Set(input.deploymentIds.map((d) => d.trim()))] });
  if (!row)
    throw new AppError('conflict', 'lti_platform_exists', `A platform with issuer ${input.issuer} and client id ${input.clientId} is registered already.`);
  await recordAudit(tx, actor, { action: 'training.lti_platform.register', entityType: 'lti_platform', entityId: row.id, after: { issuer: row.issuer } });
  return viewOf(row);
}

export async function changePlatform(tx: Tx, actor: Actor, id: string, change: { isActive?: boolean; deploymentIds?: string[] }): Promise<LtiPlatform> {
  authorizeAdmin(actor);
  if (change.isActive === undefined && change.deploymentIds === undefined)
    throw new AppError('validation', 'lti_platform_change_empty', 'Say what to change: isActive or deploymentIds.', [
      { path: '/', message: 'isActive or deploymentIds' },
    ]);
  const row = await updatePlatform(tx, id, change);
  if (!row) throw new AppError('not_found', 'lti_platform_not_found', `There is no LTI platform ${id}.`);
  await recordAudit(tx, actor, { action: 'training.lti_platform.change', entityType: 'lti_platform', entityId: id, after: change });
  return viewOf(row);
}
