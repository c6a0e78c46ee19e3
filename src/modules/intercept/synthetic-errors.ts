/**
 * FEBRL-style corruption for the synthetic population (after Christen's FEBRL data generator): each
 * claim by a real obligor carries one to four errors, each drawn from the kinds claim files really carry
 * — typing, OCR and phonetic errors in names, nicknames, names swapped, a compound surname cut short,
 * SSN digits transposed, mistyped (one or several), missing, dates with day and month swapped, a digit
 * off, impossible, reduced to the year or missing, people who moved or whose ZIP was mistyped. Every
 * claim is labelled with the kinds it carries, so that accuracy can be reported per kind and per number
 * of errors. A claim keeps what the claim format requires (formats.ts: the SSN, or else the birth date
 * and address), so its SSN and birth date are never both missing: such a line is refused at intake and
 * never reaches the matcher. Deterministic for a random source.
 */
import type { PersonFacts } from './domain/match';

export const errorKinds = [
  'name_typo',
  'name_ocr',
  'name_phonetic',
  'nickname',
  'names_swapped',
  'surname_part',
  'ssn_transposed',
  'ssn_one_digit',
  'ssn_digits',
  'ssn_missing',
  'dob_swapped',
  'dob_digit',
  'dob_impossible',
  'dob_year_only',
  'dob_missing',
  'moved',
  'zip_changed',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** How likely each kind is to be the one drawn (relative), roughly as often as each is seen in claim files. */
const drawWeights: Record<ErrorKind, number> = {
  name_typo: 10,
  name_ocr: 4,
  name_phonetic: 6,
  nickname: 8,
  names_swapped: 4,
  surname_part: 4,
  ssn_transposed: 5,
  ssn_one_digit: 6,
  ssn_digits: 5,
  ssn_missing: 8,
  dob_swapped: 4,
  dob_digit: 5,
  dob_impossible: 2,
  dob_year_only: 3,
  dob_missing: 4,
  moved: 12,
  zip_changed: 4,
};

/** Errors per claim: one (50%), two (30%), three (15%) or four (5%). */
const errorCounts = [0.5, 0.8, 0.95, 1];

type Random = () => number;
const pickOf = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Keys next to each other on a keyboard: a typing error hits a neighbour more often than not. */
const keyboard = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
function neighbourKey(random: Random, letter: string): string {
  const row = keyboard.findIndex((r) => r.includes(letter));
  if (row === -1) return pickOf(random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
  const at = keyboard[row]!.indexOf(letter);
  const near = [keyboard[row]![at - 1], keyboard[row]![at + 1], keyboard[row - 1]?.[at], keyboard[row + 1]?.[at]].filter((k): k is string => !!k);
  return pickOf(random, near);
}

/** One typing error: a letter substituted (a neighbouring key), inserted, deleted, or two transposed. */
export function typingError(random: Random, name: string): string {
  if (name.length < 2) return name;
  const i = Math.floor(random() * name.length);
  const roll = random();
  if (roll < 0.4) return `${name.slice(0, i)}${neighbourKey(random, name[i]!)}${name.slice(i + 1)}`;
  if (roll < 0.6) return `${name.slice(0, i)}${neighbourKey(random, name[i]!)}${name.slice(i)}`;
  if (roll < 0.8) return `${name.slice(0, i)}${name.slice(i + 1)}`;
  const j = Math.min(i, name.length - 2);
  return `${name.slice(0, j)}${name[j + 1]}${name[j]}${name.slice(j + 2)}`;
}

/** What scanners misread, both ways (FEBRL's OCR table, letters only: digits in a name are dropped). */
const ocrPairs: [string, string][] = [
  ['M', 'RN'],
  ['D', 'CL'],
  ['W', 'VV'],
  ['I', 'L'],
  ['E', 'F'],
  ['O', 'Q'],
  ['G', 'C'],
  ['H', 'N'],
  ['U', 'V'],
  ['B', 'R'],
];
export function ocrError(random: Random, name: string): string {
  const start = Math.floor(random() * ocrPairs.length);
  for (let k = 0; k < ocrPairs.length; k++) {
    const [a, b] = ocrPairs[(start + k) % ocrPairs.length]!;
    const [from, to] = random() < 0.5 ? [a, b] : [b, a];
    const at = name.indexOf(from);
    if (at !== -1) return `${name.slice(0, at)}${to}${name.slice(at + from.length)}`;
  }
  return typingError(random, name);
}

/** Spelled as heard (FEBRL's phonetic rules, with the Spanish ones California's files are full of). */
const phoneticRules: [RegExp, string][] = [
  [/EZ$/, 'ES'],
  [/ES$/, 'EZ'],
  [/PH/, 'F'],
  [/CK/, 'K'],
  [/C([AOU])/, 'K$1'],
  [/Z/, 'S'],
  [/Y/, 'I'],
  [/V/, 'B'],
  [/B/, 'V'],
  [/GH/, 'G'],
  [/LL/, 'Y'],
  [/TH/, 'T'],
  [/([A-Z])\1/, '$1'],
  [/J/, 'H'],
  [/QU/, 'K'],
  [/EI/, 'IE'],
  [/OU/, 'U'],
  [/X/, 'KS'],
];
export function phoneticError(random: Random, name: string): string {
  const start = Math.floor(random() * phoneticRules.length);
  for (let k = 0; k < phoneticRules.length; k++) {
    const [rule, to] = phoneticRules[(start + k) % phoneticRules.length]!;
    if (rule.test(name)) return name.replace(rule, to);
  }
  return typingError(random, name);
}

/** The digits with `count` distinct positions from `from` on changed to other digits. */
export function digitsChanged(random: Random, text: string, count: number, from = 0): string {
  const digits = text.split('');
  const positions = new Set<number>();
  while (positions.size < count) positions.add(from + Math.floor(random() * (text.length - from)));
  for (const i of positions) digits[i] = String((Number(digits[i]) + 1 + Math.floor(random() * 9)) % 10);
  return digits.join('');
}

/** The SSN with `count` digits mistyped (not the area's, so that it stays plausible more often than not). */
const ssnDigitsChanged = (random: Random, ssn: string, count: number) => digitsChanged(random, ssn, count, 3);

function ssnTransposed(random: Random, ssn: string): string {
  for (let tries = 0; tries < 10; tries++) {
    const i = Math.floor(random() * 8);
    if (ssn[i] !== ssn[i + 1]) return `${ssn.slice(0, i)}${ssn[i + 1]}${ssn[i]}${ssn.slice(i + 2)}`;
  }
  return ssnDigitsChanged(random, ssn, 1);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dateError(random: Random, kind: ErrorKind, date: string): string | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  switch (kind) {
    case 'dob_swapped':
      // Read the other way round: when the day is 13 or more, the month would be impossible.
      return d <= 12 && d !== m ? `${y}-${pad(d)}-${pad(m)}` : `${y}-${pad(m)}-${pad(d === 1 ? 2 : d - 1)}`;
    case 'dob_digit': {
      // Not the century: a decade, year, month or day digit.
      const t = digitsChanged(random, `${y}${pad(m)}${pad(d)}`, 1, 2);
      return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`;
    }
    case 'dob_impossible':
      // A day past the month's end: 1980-02-30, 1975-04-31.
      return m === 2 ? `${y}-02-${pad(30 + Math.floor(random() * 2))}` : lastDay[m - 1] === 30 ? `${y}-${pad(m)}-31` : `${y}-02-30`;
    case 'dob_year_only':
      return `${y}-01-01`;
    default:
      return null;
  }
}

function kindDrawn(random: Random): ErrorKind {
  const total = Object.values(drawWeights).reduce((a, b) => a + b, 0);
  let roll = random() * total;
  for (const kind of errorKinds) {
    roll -= drawWeights[kind];
    if (roll < 0) return kind;
  }
  return 'moved';
}

/**
 * The claim's person with one to four errors, and their kinds (an error that could not apply — a
 * nickname for a name that has none — is drawn again; the same kind is not drawn twice).
 */
export function corrupted(
  random: Random,
  person: PersonFacts,
  tools: { nicknames: (first: string) => string[] | undefined; newAddress: () => { addressLine1: string; zip: string } },
): { person: PersonFacts; errors: ErrorKind[] } {
  const roll = random();
  const count = errorCounts.findIndex((share) => roll < share) + 1;
  const c = { ...person };
  const errors: ErrorKind[] = [];
  const ssnTouched = () => errors.some((e) => e.startsWith('ssn_'));
  const dobTouched = () => errors.some((e) => e.startsWith('dob_'));
  for (let tries = 0; errors.length < count && tries < 50; tries++) {
    const kind = kindDrawn(random);
    if (errors.includes(kind)) continue;
    const nameField = random() < 0.5 ? 'firstName' : 'lastName';
    switch (kind) {
      case 'name_typo':
        c[nameField] = typingError(random, c[nameField]!);
        break;
      case 'name_ocr':
        c[nameField] = ocrError(random, c[nameField]!);
        break;
      case 'name_phonetic':
        c[nameField] = phoneticError(random, c[nameField]!);
        break;
      case 'nickname': {
        const names = tools.nicknames(c.firstName!);
        if (!names || c.firstName !== person.firstName) continue;
        c.firstName = pickOf(random, names);
        break;
      }
      case 'names_swapped':
        [c.firstName, c.lastName] = [c.lastName, c.firstName];
        break;
      case 'surname_part': {
        if (!c.lastName!.includes(' ')) continue;
        const parts = c.lastName!.split(' ');
        c.lastName = random() < 0.7 ? parts[0]! : parts.join('-');
        break;
      }
      case 'ssn_transposed':
      case 'ssn_one_digit':
      case 'ssn_digits':
      case 'ssn_missing':
        if (ssnTouched() || !c.ssn || (kind === 'ssn_missing' && !c.dateOfBirth)) continue;
        c.ssn =
          kind === 'ssn_missing'
            ? null
            : kind === 'ssn_transposed'
              ? ssnTransposed(random, c.ssn)
              : ssnDigitsChanged(random, c.ssn, kind === 'ssn_one_digit' ? 1 : 2 + Math.floor(random() * 2));
        break;
      case 'dob_missing':
        if (dobTouched() || !c.ssn) continue;
        c.dateOfBirth = null;
        break;
      case 'dob_swapped':
      case 'dob_digit':
      case 'dob_impossible':
      case 'dob_year_only':
        if (dobTouched() || !c.dateOfBirth) continue;
        c.dateOfBirth = dateError(random, kind, c.dateOfBirth);
        break;
      case 'moved':
        if (errors.includes('zip_changed')) continue;
        Object.assign(c, tools.newAddress());
        break;
      case 'zip_changed':
        if (errors.includes('moved') || !c.zip) continue;
        // A neighbouring ZIP, or a digit mistyped.
        c.zip = random() < 0.5 ? String(Number(c.zip) + 1 + Math.floor(random() * 20)) : digitsChanged(random, c.zip, 1);
        break;
    }
    errors.push(kind);
  }
  return { person: c, errors };
}
