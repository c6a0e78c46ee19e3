/** The shipped nickname groups (data/reference/nicknames.csv), read once. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nicknameIndex, type NicknameIndex } from './domain/names';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../data/reference/nicknames.csv');
let loaded: NicknameIndex | undefined;

export function shippedNicknames(): NicknameIndex {
  loaded ??= nicknameIndex(fs.readFileSync(file, 'utf8'));
  return loaded;
}
