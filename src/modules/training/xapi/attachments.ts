/**
 * Attachment data with statements (xAPI 1.0.3, Data 2.4.11 and Communication 1.5.2): a multipart/mixed
 * request's parts read byte for byte, each part matched to an attachment by its SHA-256 (the
 * X-Experience-API-Hash header, checked against the content), statements' attachments without a fileUrl
 * given their data, and signed statements (Data 2.6) checked: a JWS in RS256, RS384 or RS512 whose payload
 * is the statement as it was before the signature was attached, verified against the X.509 certificate in
 * its header when it carries one. And the multipart/mixed answer of `GET /xapi/statements?attachments=true`.
 *
 * @example parseMultipart(body, 'multipart/mixed; boundary=abc') // { statements, parts: [{ sha2, contentType, content }] }
 */
import crypto from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { AppError } from '../../../platform/errors';
import type { TrainingErrorCode } from '../errors';
import { isSameStatement, validateStatement, type Json, type Statement } from './statement';

export const signatureUsage = 'http://adlnet.gov/expapi/attachments/signature';
const signatureAlgorithms = ['RS256', 'RS384', 'RS512'];

export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** A multipart/mixed request, read: the statements (first part) and the attachment data after them. */
export class MultipartStatements {
  constructor(
    readonly statements: Json,
    readonly parts: AttachmentPart[],
  ) {}
}

function invalid(code: TrainingErrorCode, message: string, path = 'body'): never {
  throw new AppError('validation', code, message, [{ path, message }]);
}

/** The parts of a multipart/mixed body (RFC 2046), byte for byte: each part's headers (lower-case names) and content. */
export function multipartParts(body: Buffer, contentType: string): { headers: Record<string, string>; content: Buffer }[] {
  const match = /boundary=(?:"([^"]+)"|([^";\s]+))/i.exec(contentType);
  if (!match) invalid('multipart_invalid', 'A multipart/mixed body needs its boundary.', 'headers/content-type');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: { headers: Record<string, string>; content: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // the close delimiter
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) invalid('multipart_invalid', 'The multipart/mixed body ends without its closing boundary.');
    // The CRLF before a delimiter belongs to the delimiter.
    const end = body.subarray(next - 2, next).toString() === '\r\n' ? next - 2 : next;
    const part = body.subarray(start, end);
    const split = part.indexOf('\r\n\r\n');
    const head = (split < 0 ? part : part.subarray(0, split)).toString('utf8');
    const headers = Object.fromEntries(
      head
        .split('\r\n')
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    parts.push({ headers, content: split < 0 ? Buffer.alloc(0) : part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/** A statements request sent as multipart/mixed: the statements as JSON first, then one part per attachment's data. */
export function parseMultipart(body: Buffer, contentType: string): MultipartStatements {
  const [first, ...rest] = multipartParts(body, contentType);
  if (!first || !(first.headers['content-type'] ?? '').startsWith('application/json'))
    invalid('multipart_invalid', 'The first part of a multipart/mixed body must be the statements, as application/json.');
  let statements: Json;
  try {
    statements = JSON.parse(first.content.toString('utf8')) as Json;
  } catch {
    invalid('statement_invalid', 'The statements part is not valid JSON.');
  }
  const parts = rest.map((part, i) => {
    if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary')
      invalid('multipart_invalid', `Attachment part ${i + 1} must have Content-Transfer-Encoding: binary.`, `parts[${i + 1}]`);
    const sha2 = part.headers['x-experience-api-hash'];
    if (!sha2) invalid('multipart_invalid', `Attachment part ${i + 1} has no X-Experience-API-Hash header.`, `parts[${i + 1}]`);
    const actual = crypto.createHash('sha256').update(part.content).digest('hex');
    if (actual !== sha2.toLowerCase())
      invalid('attachment_hash_mismatch', `Attachment part ${i + 1}: its content's SHA-256 is not the X-Experience-API-Hash it names.`, `parts[${i + 1}]`);
    return { sha2: actual, contentType: part.headers['content-type'] ?? 'application/octet-stream', content: part.content };
  });
  return new MultipartStatements(statements, parts);
}

type Attachment = { usageType: string; contentType: string; sha2: string; fileUrl?: string };

/**
 * Matches the statements' attachments to the data sent: each attachment without a fileUrl has its part,
 * each part belongs to an attachment, and each signature is a valid JWS of its statement. Returns the
 * parts to keep.
 */
export async function matchAttachments(statements: Statement[], parts: AttachmentPart[]): Promise<AttachmentPart[]> {
  const bySha2 = new Map(parts.map((p) => [p.sha2, p]));
  const used = new Set<string>();
  for (const [i, statement] of statements.entries()) {
    const attachments = (statement.attachments ?? []) as Attachment[];
    for (const [j, attachment] of attachments.entries()) {
      const path = `${statements.length > 1 ? `statements[${i}]` : 'statement'}.attachments[${j}]`;
      const part = bySha2.get(attachment.sha2.toLowerCase());
      if (part) used.add(part.sha2);
      if (attachment.usageType === signatureUsage) {
        if (!part) invalid('signature_invalid', `${path}: a signature's JWS must be sent as a part.`, path);
        await checkSignature(statement, attachment, part, path);
      } else if (!part && attachment.fileUrl === undefined) {
        invalid('attachment_data_missing', `${path}: no part carries this attachment's data (sha2 ${attachment.sha2}), and it has no fileUrl.`, path);
      }
    }
  }
  const stray = parts.find((p) => !used.has(p.sha2));
  if (stray) invalid('attachment_unexpected', `A part (sha2 ${stray.sha2}) belongs to no attachment of the statements.`);
  return parts;
}

/** A signature (Data 2.6): application/octet-stream, a JWS in RS256/384/512 over the statement before the signature was attached. */
async function checkSignature(statement: Statement, attachment: Attachment, part: AttachmentPart, path: string): Promise<void> {
  const bad = (why: string): never => invalid('signature_invalid', `${path}: ${why}`, path);
  if (attachment.contentType !== 'application/octet-stream') bad('a signature has the contentType application/octet-stream.');
  const jws = part.content.toString('utf8').trim();
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return bad('the signature is not a JWS in compact serialisation.');
  }
  if (!signatureAlgorithms.includes(String(header.alg))) bad(`the JWS algorithm must be RS256, RS384 or RS512, not ${String(header.alg)}.`);
  const segments = jws.split('.');
  if (segments.length !== 3) bad('the signature is not a JWS in compact serialisation.');
  let payload: Json;
  try {
    if (header.x5c?.[0]) {
      const key = await importX509(`-----BEGIN CERTIFICATE-----\n${header.x5c[0]}\n-----END CERTIFICATE-----`, String(header.alg));
      payload = JSON.parse(new TextDecoder().decode((await compactVerify(jws, key)).payload)) as Json;
    } else {
      payload = JSON.parse(Buffer.from(segments[1]!, 'base64url').toString('utf8')) as Json;
    }
  } catch {
    return bad('the JWS does not verify against its certificate, or its payload is not JSON.');
  }
  // The statement as signed: without the signature attachment (and without attachments, if it was the only one).
  const others = ((statement.attachments ?? []) as Attachment[]).filter((a) => a !== attachment);
  const { attachments: _attachments, ...rest } = statement;
  const unsigned: Statement = others.length > 0 ? { ...rest, attachments: others as unknown as Json } : rest;
  let signed: Statement;
  try {
    signed = validateStatement(payload);
  } catch {
    return bad('the JWS payload is not a valid statement.');
  }
  if (!isSameStatement(lowerId(signed), lowerId(unsigned))) bad('the JWS payload is not the statement that carries it.');
}

const lowerId = (statement: Statement): Statement => (typeof statement.id === 'string' ? { ...statement, id: statement.id.toLowerCase() } : statement);

/** The multipart/mixed answer with attachment data: the JSON first, then each attachment's data. */
export function multipartAnswer(payload: unknown, attachments: AttachmentPart[]): { contentType: string; body: Buffer } {
  const boundary = `xapi-${crypto.randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(payload)}\r\n`)];
  for (const attachment of attachments) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${attachment.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${attachment.sha2}\r\n\r\n`,
      ),
      attachment.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The hashes of the attachments these statements name (the data to send with them). */
export function attachmentHashes(statements: Json[]): string[] {
  const hashes = statements.flatMap((s) =>
    typeof s === 'object' && s !== null && !Array.isArray(s) && Array.isArray(s.attachments)
      ? s.attachments.map((a) => String((a as { sha2?: string }).sha2 ?? '').toLowerCase())
      : [],
  );
  return [...new Set(hashes.filter(Boolean))];
}
