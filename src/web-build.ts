/**
 * Builds the web app with Vite when its build is missing or older than its sources, so that
 * `npm start` works on a fresh clone and a restart skips the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { webDistDir } from './app';

const webDir = path.dirname(webDistDir);

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isWebBuildStale(): boolean {
  const index = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = Math.max(newestMtimeMs(path.join(webDir, 'src')), fs.statSync(path.join(webDir, 'index.html')).mtimeMs);
  return sources > fs.statSync(index).mtimeMs;
}

export async function buildWebIfStale(log: (line: string) => void): Promise<void> {
  if (!fs.existsSync(path.join(webDir, 'src')) || !isWebBuildStale()) return;
  log('Building the web app (first start or changed sources)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}
