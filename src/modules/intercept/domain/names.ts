/**
 * Name comparison for claimant matching: normalisation (upper case, accents and punctuation removed,
 * other scripts transliterated to Latin letters by any-ascii — "ИВАНОВ" → "IVANOV", "王" → "WANG" —
 * generational suffixes dropped), nickname equivalence groups (data/reference/nicknames.csv), a phonetic
 * code (Double Metaphone) and Jaro-Winkler similarity (@skyra/jaro-winkler).
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';

const suffixes = new Set(['JR', 'SR', 'II', 'III', 'IV']);

/** Accents removed and upper case: "Núñez" → "NUNEZ" (names and addresses alike). */
const unaccentedUpper = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();

/**
 * "José-Luis  Núñez Jr." → "JOSE LUIS NUNEZ": letters and single spaces, suffixes dropped; a name in
 * another script is transliterated ("СМИРНОВ" → "SMIRNOV", "김" → "GIM"), so that a name is never
 * emptied to "missing" for its script and both files' spellings can meet.
 */
export function normalizeName(name: string | null | undefined): string {
  if (!name) return '';
  // Most files already send upper-case letters and single spaces.
  if (/^[A-Z]+( [A-Z]+)*$/.test(name) && !/(^| )(JR|SR|II|III|IV)( |$)/.test(name)) return name;
  // eslint-disable-next-line no-control-regex -- "not ASCII": only such text needs transliterating
  return unaccentedUpper(/[^\u0000-\u007f]/.test(name) ? anyAscii(name) : name)
    .replace(/[^A-Z ]+/g, ' ')
    .split(' ')
    .filter((part) => part && !suffixes.has(part))
    .join(' ');
}

/** "12 Oak Ave., Apt #3" → "12 OAK AVE APT 3": letters, digits and single spaces (house numbers matter). */
export function normalizeAddress(line: string | null | undefined): string {
  if (!line) return '';
  if (/^[A-Z0-9]+( [A-Z0-9]+)*$/.test(line)) return line;
  return unaccentedUpper(line)
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Nickname groups: each normalised name → the ids of the groups it belongs to. */
export type NicknameIndex = Map<string, number[]>;

/** Builds the index from lines of comma-separated names (comment lines start with #). */
export function nicknameIndex(text: string): NicknameIndex {
  const index: NicknameIndex = new Map();
  let group = 0;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    group += 1;
    for (const raw of line.split(',')) {
      const name = normalizeName(raw);
      if (!name) continue;
      const groups = index.get(name) ?? [];
      if (!groups.includes(group)) groups.push(group);
      index.set(name, groups);
    }
  }
  return index;
}

/** The nickname groups of a name, or of its first part ("MARIA GUADALUPE" → MARIA's). */
function groupsOf(name: string, index: NicknameIndex): number[] | undefined {
  const space = name.indexOf(' ');
  return index.get(name) ?? (space > 0 ? index.get(name.slice(0, space)) : undefined);
}

export function areNicknames(a: string, b: string, index: NicknameIndex): boolean {
  const ga = groupsOf(a, index);
  const gb = ga && groupsOf(b, index);
  return !!gb && ga.some((g) => gb.includes(g));
}

/**
 * Double Metaphone's primary code. Names repeat (a million people share a few hundred thousand names),
 * so codes are remembered; the memory is emptied when it reaches 100,000 names.
 */
const codes = new Map<string, string>();
export function phoneticCode(name: string): string {
  if (!name) return '';
  let code = codes.get(name);
  if (code === undefined) {
    if (codes.size >= 100_000) codes.clear();
    code = doubleMetaphone(name.replace(/ /g, ''))[0];
    codes.set(name, code);
  }
  return code;
}

export function similarity(a: string, b: string): number {
  return a && b ? jaroWinkler(a, b) : 0;
}

const letterCounts = new Int32Array(128);

/**
 * A number never below `similarity(a, b)`, from what bounds Jaro-Winkler without computing it: matched
 * characters can be no more than the characters the names share, transpositions only lower it, and the
 * prefix bonus is the library's (up to four equal leading characters, counted as five when all four
 * are). Most names compared by birth date and initial share few letters, so the library is not called.
 */
export function similarityBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]! += 1;
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    if (letterCounts[c]! > 0) {
      letterCounts[c]! -= 1;
      shared += 1;
    }
  }
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127] = 0;
  if (shared === 0) return 0;
  const jaro = (shared / a.length + shared / b.length + 1) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix += 1;
  if (prefix === 4) prefix = 5;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export type NameAgreement = 'exact' | 'nickname' | 'similar' | 'different' | 'missing';

/**
 * One name is a part (of two letters or more) of the other, compound one: "GARCIA" in "GARCIA LOPEZ" —
 * any space-separated part of `a` of two letters or more that is also a part of `b`. Compared in place,
 * character by character: splitting both names for every candidate pair was a sixth of the matcher's
 * allocations on the benchmark's million claims.
 */
export function sharesPart(a: string, b: string): boolean {
  if (!a.includes(' ') && !b.includes(' ')) return false;
  for (let start = 0; start < a.length;) {
    const end = partEnd(a, start);
    if (end - start > 1 && hasPart(b, a, start, end)) return true;
    start = end + 1;
  }
  return false;
}

/** Where the part of `text` starting at `start` ends: the next space, or the end of the text. */
function partEnd(text: string, start: number): number {
  const space = text.indexOf(' ', start);
  return space === -1 ? text.length : space;
}

/** Whether one of the space-separated parts of `text` is `name`'s characters from `from` to `to`. */
function hasPart(text: string, name: string, from: number, to: number): boolean {
  const length = to - from;
  for (let start = 0; start < text.length;) {
    const end = partEnd(text, start);
    if (end - start === length) {
      let same = 0;
      while (same < length && text.charCodeAt(start + same) === name.charCodeAt(from + same)) same += 1;
      if (same === length) return true;
    }
    start = end + 1;
  }
  return false;
}

/**
 * How two normalised names agree: exactly (or one is a part of a compound name, "GARCIA" in "GARCIA
 * LOPEZ"), as nicknames (given names only: pass the index), similar (the same phonetic code, or
 * Jaro-Winkler at or above `similarAt`), or not at all.
 */
export function compareNames(a: string, b: string, options: { similarAt: number }, nicknames?: NicknameIndex): NameAgreement {
  if (!a || !b) return 'missing';
  return namesExact(a, b) ? 'exact' : compareInexactNames(a, phoneticCode(a), b, phoneticCode(b), options, nicknames);
}

/** Whether two given names agree exactly (or one is a part of the other, compound one): the cheap level to find. */
export function namesExact(a: string, b: string): boolean {
  return a === b || sharesPart(a, b);
}

/** How two given names that are not `namesExact` agree, with their phonetic codes already worked out: as nicknames, similar, or different. */
export function compareInexactNames(
  a: string,
  codeA: string,
  b: string,
  codeB: string,
  options: { similarAt: number },
  nicknames?: NicknameIndex,
): Exclude<NameAgreement, 'exact' | 'missing'> {
  if (nicknames && areNicknames(a, b, nicknames)) return 'nickname';
  if ((codeA && codeA === codeB) || (similarityBound(a, b) >= options.similarAt && similarity(a, b) >= options.similarAt)) return 'similar';
  return 'different';
}
