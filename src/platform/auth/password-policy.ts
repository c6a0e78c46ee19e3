/**
 * How strong a new password must be: zxcvbn's estimate (dictionaries of common passwords, names and
 * words, keyboard patterns, repeats, dates and leet substitutions), not length alone. `Password123!` and
 * `qwertyuiop123` are twelve characters and refused; a passphrase of a few words passes. The account's
 * own email and name count as guessable words.
 *
 * @example assertStrongPassword('password1234', ['x@example.org']) // throws password_too_weak
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../errors';

/** [Policy] zxcvbn's score, 0–4, a new password must reach: 3 is "safely unguessable" (about 10^8 guesses). */
export const minimumPasswordScore = 3;

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** zxcvbn's warning keys, in words. */
const warnings: Record<string, string> = {
  similarToCommon: 'it is like a commonly used password',
  commonPasswords: 'it is a commonly used password',
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  simpleRepeat: 'it repeats the same characters',
  extendedRepeat: 'it repeats a pattern',
  straightRow: 'it follows a row of the keyboard',
  keyPattern: 'it follows a pattern on the keyboard',
  sequences: 'it is a sequence like abc or 6543',
  recentYears: 'it is built on a recent year',
  dates: 'it is built on a date',
  namesByThemselves: 'it is a name',
  commonNames: 'it is built on a common name',
  userInputs: 'it contains your email or name',
  wordByItself: 'it is a single word',
};

export function assertStrongPassword(password: string, userInputs: string[]): void {
  const { score, feedback } = zxcvbn(password, userInputs);
  if (score >= minimumPasswordScore) return;
  const why = (feedback.warning && warnings[feedback.warning]) ?? 'it is too easy to guess';
  throw new AppError('validation', 'password_too_weak', `Choose a stronger password: ${why}. A few unrelated words make a strong one.`, [
    { path: '/password', message: 'too easy to guess' },
  ]);
}
