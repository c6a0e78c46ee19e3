/**
 * Concord's signing key as an LTI tool (RS256, `jose`): made on first use, the private half sealed under
 * the personal-data key, the public half published at `/api/lti/jwks` for platforms to check what Concord
 * signs (deep linking responses, client assertions for service tokens).
 */
import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Tx } from '../../../platform/db/connect';
import type { PiiKeys } from '../../../platform/pii/keys';
import { openText, sealText } from '../../../platform/pii/sealed';
import { allKeys, insertKey, newestKey } from './store';

export interface ToolKey {
  kid: string;
  privateKey: CryptoKey;
}

export async function toolKey(tx: Tx, keys: PiiKeys): Promise<ToolKey> {
  let row = await newestKey(tx);
  if (!row) {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const kid = crypto.randomUUID();
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    await insertKey(tx, { kid, publicJwk, privateJwkSealed: sealText(keys, JSON.stringify(await exportJWK(pair.privateKey))) });
    row = (await newestKey(tx))!;
  }
  const privateKey = (await importJWK(JSON.parse(openText(keys, row.privateJwkSealed)) as JWK, 'RS256')) as CryptoKey;
  return { kid: row.kid, privateKey };
}

/** The tool's public keys, as a JWK Set. */
export async function toolJwks(tx: Tx): Promise<{ keys: JWK[] }> {
  return { keys: (await allKeys(tx)).map((k) => k.publicJwk as JWK) };
}
