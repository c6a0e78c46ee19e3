/**
 * Uploaded zip files (XLSX workbooks, cmi5 course packages) unpacked with a running count: too many
 * entries, or more bytes unpacked than the limit, stops the unpacking whatever the zip's own size fields
 * claim (a zip bomb stops at the limit). Entry names that climb out of the archive (`../`, absolute
 * paths, backslashes) are refused by yauzl. Each caller words its own errors.
 */
import yauzl from 'yauzl';
import { AppError } from './errors';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes of all entries unpacked, counted as they inflate. */
  maxUnpackedBytes: number;
}

export interface ZipErrors {
  /** The archive is larger than allowed; `what` says how. */
  tooLarge(what: string): AppError;
  /** Not a zip, or a damaged one; `why` names the entry when there is one. */
  unreadable(why: string): AppError;
}

export interface ZipEntry {
  path: string;
  /** The entry's bytes, or null when the caller only checks the limits. */
  data: Buffer | null;
}

/** Every file entry of the zip (directories left out), with its bytes when `keep` is set. */
export async function unpackZip(bytes: Buffer, limits: ZipLimits, errors: ZipErrors, keep: boolean): Promise<ZipEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw errors.unreadable('not a zip file');
  }
  if (zip.entryCount > limits.maxEntries) throw errors.tooLarge(`${zip.entryCount} entries (at most ${limits.maxEntries})`);
  const overLimit = `more than ${limits.maxUnpackedBytes / 2 ** 20} MiB unpacked`;
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.uncompressedSize > limits.maxUnpackedBytes - unpacked) throw errors.tooLarge(overLimit);
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        unpacked += (chunk as Buffer).length;
        if (unpacked > limits.maxUnpackedBytes) throw errors.tooLarge(overLimit);
        if (keep) chunks.push(chunk as Buffer);
      }
      entries.push({ path: entry.fileName, data: keep ? Buffer.concat(chunks) : null });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw errors.unreadable(error instanceof Error && /file name|path/i.test(error.message) ? error.message : 'a damaged zip file');
  } finally {
    zip.close();
  }
  return entries;
}
