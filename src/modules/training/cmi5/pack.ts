/**
 * Zipping a cmi5 package (yazl): the demo package shipped in `demo-package/` for the Core Curriculum, as a
 * trainer would upload it. Used by the demo data and the tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

export const demoPackageDir = path.join(import.meta.dirname, 'demo-package');

export async function zipFiles(files: { path: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.data, file.path);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The files of the demo package, by path inside the package. */
export function demoPackageFiles(): { path: string; data: Buffer }[] {
  return readdirSync(demoPackageDir)
    .sort()
    .map((name) => ({ path: name, data: readFileSync(path.join(demoPackageDir, name)) }));
}

export const demoPackage = (): Promise<Buffer> => zipFiles(demoPackageFiles());
