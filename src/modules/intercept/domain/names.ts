/**
 * Name comparison for claimant matching: normalisation (upper case, accents and punctuation removed,
 * generational suffixes dropped), nickname equivalence groups (data/reference/nicknames.csv), a phonetic
 * code (Double Metaphone) and Jaro-Winkler similarity (@skyra/jaro-winkler).
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { doubleMetaphone } from 'double-metaphone';

const suffixes = new Set(['JR', 'SR', 'II', 'III', 'IV']);

/** "José-Luis  Núñez Jr." → "JOSE LUIS NUNEZ": letters and single spaces, suffixes dropped. */
export function normalizeName(name: string | null | undefined): string {
  if (!name) return '';
  // Most files already send upper-case letters and single spaces.
  if (/^[A-Z]+( [A-Z]+)*$/.test(name) && !/(^| )(JR|SR|II|III|IV)( |$)/.test(name)) return name;
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z ]+/g, ' ')
    .split(' ')
    .filter((part) => part && !suffixes.has(part))
    .join(' ');
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

export function areNicknames(a: string, b: string, index: NicknameIndex): boolean {
  const ga = index.get(a) ?? index.get(a.split(' ')[0]!);
  const gb = index.get(b) ?? index.get(b.split(' ')[0]!);
  if (!ga || !gb) return false;
  return ga.some((g) => gb.includes(g));
}

export function phoneticCode(name: string): string {
  return name ? doubleMetaphone(name.replace(/ /g, ''))[0] : '';
}

export function similarity(a: string, b: string): number {
  return a && b ? jaroWinkler(a, b) : 0;
}

export type NameAgreement = 'exact' | 'nickname' | 'similar' | 'different' | 'missing';

/**
 * How two normalised names agree: exactly (or one is a part of a compound name, "GARCIA" in "GARCIA
 * LOPEZ"), as nicknames (given names only), similar (Jaro-Winkler at or above `similarAt`, or the same
 * phonetic code), or not at all.
 */
export function compareNames(a: string, b: string, options: { nicknames?: NicknameIndex; similarAt: number }): NameAgreement {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const partsA = a.split(' ');
  const partsB = b.split(' ');
  if (partsA.length > 1 || partsB.length > 1) {
    if (partsA.some((p) => p.length > 1 && partsB.includes(p))) return 'exact';
  }
  if (options.nicknames && areNicknames(a, b, options.nicknames)) return 'nickname';
  if (similarity(a, b) >= options.similarAt || phoneticCode(a) === phoneticCode(b)) return 'similar';
  return 'different';
}
