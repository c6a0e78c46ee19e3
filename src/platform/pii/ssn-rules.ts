/** Rules about SSNs as numbers, with no keys and no I/O, for pure code (intercept's matching engine) and for ssn.ts. */

/** Nine digits, not area 000 or 666, group 00 or serial 0000 (never issued). Area 9xx is left to the caller. */
export function isIssuableSsn(digits: string): boolean {
  return /^\d{9}$/.test(digits) && !digits.startsWith('000') && !digits.startsWith('666') && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}
