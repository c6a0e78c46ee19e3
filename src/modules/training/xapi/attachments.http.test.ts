import crypto from 'node:crypto';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { inTransaction } from '../../../platform/db/transaction';
import { signatureUsage } from './attachments';
import { createClient } from './lrs';

const { app } = await useTestApp();
const { key, secret } = await inTransaction(app.concord.database.db, (tx) => createClient(tx, 'Attachments LMS'));
const auth = { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' };
const statement = (id = crypto.randomUUID()) => ({
  id,
  actor: { mbox: 'mailto:ana@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'http://example.com/activities/attached', definition: { name: { 'en-US': 'Attached' } } },
});
const sha256 = (content: Buffer | string) => crypto.createHash('sha256').update(content).digest('hex');

/** A multipart/mixed statements request: the JSON, then each part's data with its hash (or a hash given instead). */
function multipart(body: unknown, parts: { contentType: string; content: Buffer; hash?: string }[]) {
  const boundary = 'concord-test-boundary';
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n`)];
  for (const part of parts)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${part.hash ?? sha256(part.content)}\r\n\r\n`,
      ),
      part.content,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url: '/xapi/statements',
    headers: { ...auth, 'content-type': `multipart/mixed; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
  });
}

const attachmentFor = (content: Buffer, contentType = 'image/png', usageType = 'http://example.com/usage/certificate') => ({
  usageType,
  display: { 'en-US': 'Certificate' },
  contentType,
  length: content.length,
  sha2: sha256(content),
});

describe('attachment data sent with statements (multipart/mixed)', () => {
  // Binary content with CR, LF and bytes that are not UTF-8: kept byte for byte.
  const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0x2d, 0x2d, 0xfe]);

  it('keeps the data byte for byte and gives it back with attachments=true, as multipart/mixed', async () => {
    const sent = { ...statement(), attachments: [attachmentFor(image)] };
    const stored = await multipart(sent, [{ contentType: 'image/png', content: image }]);
    expect(stored.statusCode).toBe(200);
    const answer = await app.inject({ url: `/xapi/statements?statementId=${sent.id}&attachments=true`, headers: auth });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
    const body = answer.rawPayload;
    const at = body.indexOf(`X-Experience-API-Hash: ${sha256(image)}\r\n\r\n`);
    expect(at).toBeGreaterThan(0);
    const start = at + `X-Experience-API-Hash: ${sha256(image)}\r\n\r\n`.length;
    expect(body.subarray(start, start + image.length).equals(image)).toBe(true);
    // Without attachments=true: JSON only.
    const plain = await app.inject({ url: `/xapi/statements?statementId=${sent.id}&attachments=false`, headers: auth });
    expect(plain.headers['content-type']).toContain('application/json');
    expect(plain.json().attachments[0].sha2).toBe(sha256(image));
  });

  it('refuses data whose hash is not its content’s, data no attachment names, and an attachment with neither data nor fileUrl', async () => {
    const sent = { ...statement(), attachments: [attachmentFor(image)] };
    const wrongHash = await multipart(sent, [{ contentType: 'image/png', content: image, hash: sha256('something else') }]);
    expect(wrongHash.json()).toMatchObject({ status: 400, code: 'attachment_hash_mismatch' });
    const notBinary = await app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers: { ...auth, 'content-type': 'multipart/mixed; boundary=b1' },
      payload: `--b1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(sent)}\r\n--b1\r\nContent-Type: image/png\r\nX-Experience-API-Hash: ${sha256(image)}\r\n\r\nxx\r\n--b1--\r\n`,
    });
    expect(notBinary.json()).toMatchObject({ status: 400, code: 'multipart_invalid', errors: [{ path: 'parts[1]' }] });
    const stray = await multipart(statement(), [{ contentType: 'image/png', content: image }]);
    expect(stray.json()).toMatchObject({ status: 400, code: 'attachment_unexpected' });
    const missing = await app.inject({ method: 'POST', url: '/xapi/statements', headers: auth, payload: sent });
    expect(missing.json()).toMatchObject({ status: 400, code: 'attachment_data_missing', errors: [{ path: 'statement.attachments[0]' }] });
    expect((await app.inject({ url: `/xapi/statements?statementId=${sent.id}`, headers: auth })).statusCode).toBe(404);
  });
});

describe('signed statements (Data 2.6)', () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = (payload: unknown, alg = 'RS256') =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(alg.startsWith('HS') ? new Uint8Array(32) : privateKey);
  const signed = async (payload: unknown, signedStatement: Record<string, unknown>, alg = 'RS256', contentType = 'application/octet-stream') => {
    const jws = Buffer.from(await sign(payload, alg));
    return multipart({ ...signedStatement, attachments: [attachmentFor(jws, contentType, signatureUsage)] }, [{ contentType, content: jws }]);
  };

  it('stores a statement signed in RS256, RS384 or RS512 over itself, with its signature', async () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      const s = statement();
      const response = await signed(s, s, alg);
      expect(response.statusCode, alg).toBe(200);
      const back = await app.inject({ url: `/xapi/statements?statementId=${s.id}`, headers: auth });
      expect(back.json().attachments[0].usageType).toBe(signatureUsage);
    }
  });

  it('refuses another algorithm, a payload that is not the statement, a payload that is not JSON, and the wrong content type', async () => {
    const s = statement();
    expect((await signed(s, s, 'HS256')).json()).toMatchObject({ status: 400, code: 'signature_invalid' });
    expect((await signed({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }, s)).json()).toMatchObject({ code: 'signature_invalid' });
    expect((await signed(s, s, 'RS256', 'text/plain')).json()).toMatchObject({ code: 'signature_invalid' });
    const notJson = Buffer.from(`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from("{'x'").toString('base64url')}.c2ln`);
    const response = await multipart({ ...s, attachments: [attachmentFor(notJson, 'application/octet-stream', signatureUsage)] }, [
      { contentType: 'application/octet-stream', content: notJson },
    ]);
    expect(response.json()).toMatchObject({ code: 'signature_invalid' });
    expect((await app.inject({ url: `/xapi/statements?statementId=${s.id}`, headers: auth })).statusCode).toBe(404);
  });
});
