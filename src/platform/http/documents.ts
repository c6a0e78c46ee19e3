/**
 * Documents people upload (a title company's demand papers, a parent's proof): the file is the request
 * body, as it is — a PDF, PNG or JPEG of at most 5 MiB — checked by its first bytes against the type it
 * claims, so a renamed executable or a script is refused whatever its name. Each module keeps what it
 * accepts sealed under the personal-data key: documents carry personal data.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

export const maxDocumentBytes = 5 * 1024 * 1024;

const signatures: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};
export const documentTypes = Object.keys(signatures);

/** Lets the routes of this (encapsulated) app take a document as the raw body. */
export function acceptDocuments(app: FastifyInstance): void {
  app.addContentTypeParser(documentTypes, { parseAs: 'buffer', bodyLimit: maxDocumentBytes }, (_request, body, done) => done(null, body));
}

/** The uploaded document of a request: its type and bytes, refused when the body is not one of the accepted types. */
export function uploadedDocument(request: FastifyRequest): { contentType: string; body: Buffer } {
  const body = request.body;
  if (!Buffer.isBuffer(body)) throw new AppError('validation', 'document_type', 'Send the document as the body: application/pdf, image/png or image/jpeg.');
  return { contentType: String(request.headers['content-type']).split(';')[0]!.trim().toLowerCase(), body };
}

/** Refuses an empty or too large document, or one whose first bytes are not those of the type it claims. */
export function checkDocument(file: { fileName: string; contentType: string; body: Buffer }): void {
  if (file.body.length === 0 || file.body.length > maxDocumentBytes) {
    throw new AppError('validation', 'document_size', `A document is between 1 byte and ${maxDocumentBytes / 2 ** 20} MiB.`, [
      { path: '/body', message: 'size' },
    ]);
  }
  const looksRight = signatures[file.contentType];
  if (!looksRight || !looksRight(file.body)) {
    throw new AppError('validation', 'document_type', `${file.fileName} is not a ${file.contentType} file: send a PDF, PNG or JPEG.`, [
      { path: '/body', message: 'content does not match its type' },
    ]);
  }
}
