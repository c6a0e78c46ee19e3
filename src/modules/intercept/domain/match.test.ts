import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDates,
  decide,
  defaultMatchPolicy,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  scorePair,
  sharedIndexMemory,
  SharedObligorIndex,
  type PersonFacts,
} from './match';
import { compareNames, nicknameIndex, normalizeAddress, normalizeName, phoneticCode, sharesPart, similarity, similarityBound } from './names';
import { compareSsnKeys, digitKeys, isPlausibleSsn, textKeys, transpositions, type KeyScheme } from './ssn';
import { syntheticPopulation } from '../synthetic';

const nicknames = nicknameIndex(fs.readFileSync('data/reference/nicknames.csv', 'utf8'));
const obligor: PersonFacts = {
  id: 'O1',
  ssn: '123456789',
  firstName: 'Robert',
  lastName: 'García López',
  dateOfBirth: '1980-04-07',
  addressLine1: '12 Oak Ave',
  zip: '90012',
};
const index = new ObligorIndex(
  [obligor, { ...obligor, id: 'O2', ssn: '555443333', firstName: 'Maria', lastName: 'Nguyen', dateOfBirth: '1975-11-30' }].map(prepareObligor(digitKeys)),
);
const match = (claimant: Partial<PersonFacts>) =>
  matchClaimant(index, prepareClaimant({ ...obligor, id: 'C1', ...claimant }, digitKeys), defaultMatchPolicy, nicknames);

describe('SSN keys', () => {
  it('agree exactly, by an adjacent transposition (OCSE altered SSN), or one digit off', () => {
    const person = digitKeys.person('123456789');
    expect(compareSsnKeys(digitKeys.claimant('123456789'), person)).toBe('exact');
    expect(compareSsnKeys(digitKeys.claimant('124356789'), person)).toBe('transposed');
    expect(compareSsnKeys(digitKeys.claimant('123456780'), person)).toBe('one_digit');
    expect(compareSsnKeys(digitKeys.claimant('987654321'), person)).toBe('different');
    expect(compareSsnKeys(null, person)).toBe('missing');
    expect(transpositions('112233445')).toEqual(['121233445', '112323445', '112234345', '112233454']);
  });

  it('tells two digits off (numeric keys: blind indexes hide the digits), and the same SSN that fails SSA rules, apart from the same valid one', () => {
    expect(compareSsnKeys(digitKeys.claimant('123456700'), digitKeys.person('123456789'))).toBe('two_digits');
    expect(compareSsnKeys(digitKeys.claimant('123456000'), digitKeys.person('123456789'))).toBe('three_digits');
    expect(compareSsnKeys(digitKeys.claimant('123450000'), digitKeys.person('123450000'))).toBe('exact_invalid');
    const text = textKeys((t) => `k:${t}`);
    expect(compareSsnKeys(text.claimant('123456700'), text.person('123456789'))).toBe('different');
    expect(compareSsnKeys(text.claimant('123450000'), text.person('123450000'))).toBe('exact_invalid');
    // A placeholder is no evidence: read as missing, and keyed by nothing.
    expect(prepareClaimant({ ...obligor, ssn: '000000000' }, digitKeys).keys).toBeNull();
    expect(match({ ssn: '999999999' }).best!.evidence[0]).toMatchObject({ field: 'ssn', agreement: 'missing', weight: 0 });
  });

  it('numeric keys and text keys (the blind-index path) agree on every pair, but that blind indexes cannot count two or three digits off', () => {
    const text = textKeys((t) => `k:${t}`);
    const ssn = fc.stringMatching(/^[1-8]\d{8}$/);
    const blind = (level: string) => (level === 'two_digits' || level === 'three_digits' ? 'different' : level);
    fc.assert(
      fc.property(ssn, ssn, (a, b) => {
        expect(blind(compareSsnKeys(digitKeys.claimant(a), digitKeys.person(b)))).toBe(compareSsnKeys(text.claimant(a), text.person(b)));
      }),
    );
  });

  it('refuses implausible SSNs (area 000 or 666; group 00; serial 0000) and keeps ITIN-like 9xx numbers', () => {
    for (const bad of ['000123456', '666123456', '123006789', '123450000', '12345678']) expect(isPlausibleSsn(bad), bad).toBe(false);
    for (const good of ['123456789', '912345678']) expect(isPlausibleSsn(good), good).toBe(true);
  });
});

describe('names and dates', () => {
  it('normalises accents, case, punctuation and suffixes', () => {
    expect(normalizeName('José-Luis  Núñez Jr.')).toBe('JOSE LUIS NUNEZ');
    // House numbers are kept: two houses on one street are not the same address.
    expect(normalizeAddress('12 Oak Ave., Apt #3')).toBe('12 OAK AVE APT 3');
    expect(normalizeAddress('12 OAK AVE')).not.toBe(normalizeAddress('14 OAK AVE'));
  });

  it('knows nicknames (data/reference/nicknames.csv), similar spellings and compound surnames', () => {
    expect(compareNames('BOB', 'ROBERT', { similarAt: 0.9 }, nicknames)).toBe('nickname');
    expect(compareNames('PACO', 'FRANCISCO', { similarAt: 0.9 }, nicknames)).toBe('nickname');
    expect(compareNames('GARCIA', 'GARCIA LOPEZ', { similarAt: 0.9 })).toBe('exact');
    expect(compareNames('GONZALES', 'GONZALEZ', { similarAt: 0.9 })).toBe('similar');
    expect(compareNames('SMITH', 'NGUYEN', { similarAt: 0.9 })).toBe('different');
  });

  it('finds a shared part of two names as splitting them at spaces would', () => {
    // The definition, written the plain way: a part of two letters or more of one is a part of the other.
    const bySplitting = (a: string, b: string) => (a.includes(' ') || b.includes(' ')) && a.split(' ').some((p) => p.length > 1 && b.split(' ').includes(p));
    expect(sharesPart('GARCIA', 'GARCIA LOPEZ')).toBe(true);
    expect(sharesPart('MARIA LUISA', 'ANA LUISA')).toBe(true);
    expect(sharesPart('GARCIA', 'GARCIAS LOPEZ')).toBe(false);
    expect(sharesPart('J LOPEZ', 'J GARCIA')).toBe(false);
    const name = fc.stringMatching(/^[A-C]{1,4}( {1,2}[A-C]{1,3}){0,2} ?$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sharesPart(a, b)).toBe(bySplitting(a, b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('bounds Jaro-Winkler from above, so skipping it never loses a similar name', () => {
    const name = fc.stringMatching(/^[A-Z]{1,12}( [A-Z]{1,8})?$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(similarityBound(a, b)).toBeGreaterThanOrEqual(similarity(a, b) - 1e-12);
      }),
      { numRuns: 2_000 },
    );
    // Near misses: one letter changed, or two neighbours swapped.
    fc.assert(
      fc.property(name, fc.nat(), fc.constantFrom('A', 'E', 'Z'), (a, at, letter) => {
        const i = at % a.length;
        for (const b of [a.slice(0, i) + letter + a.slice(i + 1), a.slice(0, i) + (a[i + 1] ?? '') + a[i] + a.slice(i + 2)]) {
          expect(similarityBound(a, b)).toBeGreaterThanOrEqual(similarity(a, b) - 1e-12);
        }
      }),
      { numRuns: 2_000 },
    );
    for (const [a, b] of [
      ['GONZALES', 'GONZALEZ'],
      ['AB', 'AB'],
      ['MARTHA', 'MARHTA'],
      ['ABCDE', 'ABCDF'],
    ] as const) {
      expect(similarityBound(a, b)).toBeGreaterThanOrEqual(similarity(a, b) - 1e-12);
    }
    expect(similarityBound('GARCIA', 'GONZALEZ')).toBeLessThan(0.9);
  });

  it('compares birth dates: exact, day and month swapped, one digit off, one part off, the same year, impossible dates as written', () => {
    expect(compareDates('1980-04-07', '1980-07-04')).toBe('day_month_swapped');
    expect(compareDates('1980-04-07', '1981-04-07')).toBe('one_digit');
    expect(compareDates('1980-04-07', '1980-04-27')).toBe('one_digit');
    expect(compareDates('1980-04-07', '1980-04-28')).toBe('one_part_off');
    expect(compareDates('1980-04-07', '1991-04-07')).toBe('different');
    expect(compareDates('1980-04-07', '1980-01-01')).toBe('same_year');
    expect(compareDates('1980-02-30', '1980-02-03')).toBe('one_part_off');
    expect(compareDates('1980-02-30', '1980-02-30')).toBe('exact');
    expect(compareDates('1980-04-07', '1975-11-30')).toBe('different');
    expect(compareDates(null, '1975-11-30')).toBe('missing');
  });
});

describe('matching outcomes', () => {
  it('matches the same person reported with a nickname and a transposed SSN, keeping each field’s weight as evidence', () => {
    const result = match({ ssn: '213456789', firstName: 'Bob', lastName: 'GARCIA' });
    expect(result.outcome).toBe('match');
    expect(result.best!.obligorId).toBe('O1');
    expect(result.best!.evidence.map((e) => [e.field, e.agreement])).toEqual([
      ['ssn', 'transposed'],
      ['lastName', 'exact'],
      ['firstName', 'nickname'],
      ['dateOfBirth', 'exact'],
      ['address', 'same'],
    ]);
    expect(result.best!.score).toBeCloseTo(
      result.best!.evidence.reduce((sum, e) => sum + e.weight, 0),
      2,
    );
  });

  it('finds a claimant without an SSN by birth date and name, and sends a weak one to review', () => {
    expect(match({ ssn: null }).outcome).toBe('match');
    const moved = match({ ssn: null, addressLine1: '9 Elm St', zip: '95814', dateOfBirth: '1980-04-17' });
    expect(moved.outcome).toBe('review');
  });

  it('compares postal codes that are not five digits (a foreign address) as exactly as ZIP codes', () => {
    // Twins but for the postal code: a wrong comparison would tie them, and A would win the tie on its id.
    const twins = [
      { ...obligor, id: 'A', ssn: null, zip: 'K1A0C' },
      { ...obligor, id: 'B', ssn: null, zip: 'K1A0B' },
      { ...obligor, id: 'C', ssn: null, zip: '90012' },
    ];
    const foreign = new ObligorIndex(twins.map(prepareObligor(digitKeys)));
    const policy = { ...defaultMatchPolicy, reviewThreshold: -30 };
    const claimant = (zip: string) => prepareClaimant({ ...obligor, id: 'C1', ssn: null, zip }, digitKeys);
    const result = matchClaimant(foreign, claimant('K1A0B'), policy, nicknames);
    expect([result.best?.obligorId, result.best?.evidence.find((e) => e.field === 'address')?.agreement]).toEqual(['B', 'same']);
    // The same street line in another postal code: a ZIP mistyped, or one next door.
    expect(result.runnerUp?.evidence.find((e) => e.field === 'address')?.agreement).toBe('same_line');
    // A code no obligor has is different from every one, not missing.
    const unknown = matchClaimant(
      foreign,
      prepareClaimant({ ...obligor, id: 'C1', ssn: null, zip: 'SW1A1', addressLine1: '1 Other St' }, digitKeys),
      policy,
      nicknames,
    );
    expect(unknown.best?.evidence.find((e) => e.field === 'address')?.agreement).toBe('different');
  });

  it('matches first and last names given the other way round, marking the evidence as swapped', () => {
    const result = match({ ssn: null, firstName: 'GARCIA LOPEZ', lastName: 'ROBERT' });
    expect(result.outcome).toBe('match');
    expect(result.best!.evidence.filter((e) => e.swapped).map((e) => [e.field, e.agreement])).toEqual([
      ['lastName', 'exact'],
      ['firstName', 'exact'],
    ]);
    // As written, the names agree: nothing is swapped.
    expect(match({}).best!.evidence.some((e) => e.swapped)).toBe(false);
  });

  it('weighs an exact name down by how common it is among the obligors, within the policy’s cap, and a rare one as any', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({
      ...obligor,
      id: `G${i}`,
      ssn: null,
      lastName: i < 750 ? 'GARCIA' : `ZYLBER${'ABCDEFGHIJ'[i % 10]}`,
    }));
    const common = new ObligorIndex(many.map(prepareObligor(digitKeys)));
    const lastWeight = (lastName: string, policy = defaultMatchPolicy) =>
      matchClaimant(common, prepareClaimant({ ...obligor, id: 'C', ssn: null, lastName }, digitKeys), { ...policy, reviewThreshold: -99 }, nicknames).best!
        .evidence[1]!.weight;
    const exact = Math.round(Math.log2(defaultMatchPolicy.lastName.exact.m / defaultMatchPolicy.lastName.exact.u) * 100) / 100;
    // GARCIA: 75% of these obligors, far above u = 1%: down by the cap. ZYLBERA: 2.5%, log2(0.01 / 0.025) = −1.32.
    // (Among fewer than 1,000 obligors no name is adjusted: see the other tests' two.)
    expect(lastWeight('GARCIA')).toBeCloseTo(exact - 3, 2);
    expect(lastWeight('ZYLBERA')).toBeCloseTo(exact + Math.log2(0.01 / 0.025), 2);
    expect(lastWeight('GARCIA', { ...defaultMatchPolicy, termFrequencyCap: 0 })).toBeCloseTo(exact, 2);
    // Rarer than u (1%): no adjustment up.
    const rare = new ObligorIndex(many.map((o, i) => ({ ...o, lastName: i === 0 ? 'QUETZAL' : o.lastName })).map(prepareObligor(digitKeys)));
    const rareWeight = matchClaimant(
      rare,
      prepareClaimant({ ...obligor, id: 'C', ssn: null, lastName: 'QUETZAL' }, digitKeys),
      { ...defaultMatchPolicy, reviewThreshold: -99 },
      nicknames,
    ).best!.evidence[1]!.weight;
    expect(rareWeight).toBeCloseTo(exact, 2);
  });

  it('compares names in other scripts transliterated, never as missing', () => {
    expect(normalizeName('Смирнов')).toBe('SMIRNOV');
    expect(normalizeName('김')).toBe('GIM');
    const cyrillic = new ObligorIndex([{ ...obligor, lastName: 'СМИРНОВ', firstName: 'ОЛЕГ' }].map(prepareObligor(digitKeys)));
    const result = matchClaimant(
      cyrillic,
      prepareClaimant({ ...obligor, id: 'C', ssn: null, lastName: 'Smirnov', firstName: 'Oleg' }, digitKeys),
      defaultMatchPolicy,
      nicknames,
    );
    expect(result.best!.evidence.slice(1, 3).map((e) => e.agreement)).toEqual(['exact', 'exact']);
  });

  it('finds a claimant whose SSN and birth date are both wrong by the names and the ZIP, and one moved by the names and the birth year', () => {
    const found = (claimant: Partial<PersonFacts>) =>
      index.candidates(prepareClaimant({ ...obligor, id: 'C1', ...claimant }, digitKeys)).map((p) => index.idAt(p));
    expect(found({ ssn: '987654321', dateOfBirth: null })).toContain('O1');
    expect(found({ ssn: null, dateOfBirth: '1980-01-01', addressLine1: '1 Elm St', zip: '94110' })).toEqual(['O1']);
    expect(found({ ssn: null, dateOfBirth: '1989-04-07', firstName: 'GARCIA LOPEZ', lastName: 'ROBERT', addressLine1: '1 Elm St', zip: '94110' })).toEqual([
      'O1',
    ]);
    expect(found({ ssn: null, dateOfBirth: '1989-04-07', zip: '94110' })).toEqual(['O1']);
    expect(match({ ssn: '987654321', dateOfBirth: null }).best?.obligorId).toBe('O1');
    // A household: both obligors at the address, whatever the names and birth date say; the line in another ZIP under the last initial.
    expect(found({ ssn: null, dateOfBirth: '1961-12-12', firstName: 'Bertha', lastName: 'Zimmer' }).sort()).toEqual(['O1', 'O2']);
    expect(found({ ssn: null, dateOfBirth: '1961-12-12', firstName: 'Bertha', lastName: 'Gimmer', zip: '90013' })).toEqual(['O1']);
    expect(found({ ssn: null, dateOfBirth: '1961-12-12', firstName: 'Gert', lastName: 'Zimmer', zip: '90013' })).toEqual(['O1']);
    // Two SSN digits off, the names and the SSN's last third as written (offline, where keys are the digits).
    expect(found({ ssn: '123006789', dateOfBirth: null, addressLine1: '1 Elm St', zip: '94110' })).toEqual(['O1']);
    expect(found({ ssn: '123006789', dateOfBirth: null, addressLine1: '1 Elm St', zip: '94110', firstName: 'Garcia Lopez', lastName: 'Robert' })).toEqual([
      'O1',
    ]);
    // The same street line in another ZIP (a ZIP mistyped) is evidence too.
    expect(match({ zip: '90013' }).best!.evidence[4]!.agreement).toBe('same_line');
  });

  it('does not match a different person who shares a common name', () => {
    expect(match({ ssn: '321654987', dateOfBirth: '1990-01-02', addressLine1: '1 Pine St', zip: '94110' }).outcome).toBe('no_match');
  });

  it('sends an ambiguous best candidate to review', () => {
    const best = { obligorId: 'a', score: 30, evidence: [] };
    expect(decide(best, { obligorId: 'b', score: 27, evidence: [] }, defaultMatchPolicy)).toBe('review');
    expect(decide(best, { obligorId: 'b', score: 5, evidence: [] }, defaultMatchPolicy)).toBe('match');
    expect(decide({ ...best, score: 11 }, null, defaultMatchPolicy)).toBe('no_match');
  });

  it('scores the same pair the same way every time', () => {
    const a = prepareClaimant({ ...obligor, id: 'C' }, digitKeys);
    const b = prepareObligor(digitKeys)(obligor);
    expect(scorePair(a, b, defaultMatchPolicy, nicknames)).toEqual(scorePair(a, b, defaultMatchPolicy, nicknames));
  });
});

describe('the index and the bounded scoring give what scoring every pair would', () => {
  const population = syntheticPopulation({ obligors: 4_000, claimants: 2_000, seed: 5, errors: 'febrl' });
  // Twins: same surname, birth date and address, another given name, an SSN one digit off — plausible runners-up.
  const twins = population.obligors.slice(0, 300).map((o, i) => ({
    ...o,
    id: `T${i}`,
    firstName: i % 2 ? 'ZOE' : 'XAVIER',
    ssn: o.ssn && `${o.ssn.slice(0, 8)}${(Number(o.ssn[8]) + 1) % 10}`,
  }));
  const [obligors, claimants] = [[...population.obligors, ...twins], population.claimants];
  const text = textKeys((t) => `k:${t}`);
  const indexes = {
    numeric: new ObligorIndex(obligors.map(prepareObligor(digitKeys))),
    text: new ObligorIndex(obligors.map(prepareObligor(text))),
  };

  /**
   * Every obligor that meets the claimant under a blocking rule: an SSN key (exact, transposed, one digit);
   * birth date (or with day and month swapped) and last initial; birth date and the first name's phonetic
   * code; both names' codes, either way round, with the birth year, or as written with the month and day;
   * either way round, the last name's code and the first initial with the ZIP; the household (ZIP and
   * address line); the address line with the last initial; with numeric keys, a third of the SSN with
   * the last name's code and the first initial.
   */
  function bruteCandidates(claimant: PersonFacts, numeric: boolean): string[] {
    const c = prepareClaimant(claimant, digitKeys);
    const swapped = (d: string) => `${d.slice(0, 4)}-${d.slice(8, 10)}-${d.slice(5, 7)}`;
    return indexes.numeric.obligors
      .filter((o) => {
        const ssn = compareSsnKeys(c.keys, o.keys);
        if (['exact', 'exact_invalid', 'transposed', 'one_digit'].includes(ssn)) return true;
        const [cd, od] = [c.dateOfBirth, o.dateOfBirth];
        const initial = (a: string, b: string) => !!a && !!b && a[0] === b[0];
        if (cd && od && initial(c.lastName, o.lastName) && (od === cd || od === swapped(cd))) return true;
        // The household; the address line under either initial of the claimant's as the obligor's last.
        if (c.zip && c.zip === o.zip && c.address && c.address === o.address) return true;
        if (c.address && c.address === o.address && o.lastName && (initial(c.lastName, o.lastName) || initial(c.firstName, o.lastName))) return true;
        if (!c.lastName || !c.firstName || !o.firstName || !o.lastName) return false;
        const code = phoneticCode;
        if (cd && od === cd && code(c.firstName) === code(o.firstName)) return true;
        const codes = (surname: string, given: string) => code(surname) === code(o.lastName) && code(given) === code(o.firstName);
        const sameYear = !!cd && !!od && cd.slice(0, 4) === od.slice(0, 4);
        if (sameYear && (codes(c.lastName, c.firstName) || codes(c.firstName, c.lastName))) return true;
        if (!!cd && !!od && cd.slice(5) === od.slice(5) && codes(c.lastName, c.firstName)) return true;
        if (cd && od && cd.slice(5) === od.slice(5) && codes(c.firstName, c.lastName)) return true;
        if (cd && od === cd && code(c.lastName) === code(o.firstName)) return true;
        const initials = (surname: string, given: string) => code(surname) === code(o.lastName) && initial(given, o.firstName);
        if (!!c.zip && c.zip === o.zip && (initials(c.lastName, c.firstName) || initials(c.firstName, c.lastName))) return true;
        // A third of the SSN with the names, where keys are the digits.
        const digits = (keys: { exact: number }) => String(keys.exact).padStart(9, '0');
        const third = (t: number) => digits(c.keys!).slice(3 * t, 3 * t + 3) === digits(o.keys!).slice(3 * t, 3 * t + 3);
        return numeric && !!c.keys && !!o.keys && [0, 1, 2].some(third) && (initials(c.lastName, c.firstName) || initials(c.firstName, c.lastName));
      })
      .map((o) => o.id)
      .sort();
  }

  it('finds exactly the obligors that share a key, with numeric and with text keys', () => {
    for (const claimant of claimants.slice(0, 500)) {
      const ids = <K>(index: ObligorIndex<K>, scheme: KeyScheme<K>) =>
        index
          .candidates(prepareClaimant(claimant, scheme))
          .map((p) => index.obligors[p]!.id)
          .sort();
      expect(ids(indexes.numeric, digitKeys), claimant.id).toEqual(bruteCandidates(claimant, true));
      expect(ids(indexes.text, text), claimant.id).toEqual(bruteCandidates(claimant, false));
    }
  });

  it('finds the obligors one digit off a claimant whose SSN is in the index, and only the same SSN when there are none', () => {
    // Claimants with the SSNs of the first 600 obligors and no birth date: the first 300 have twins one digit off.
    const exactly = obligors
      .slice(0, 600)
      .filter((o) => o.ssn)
      // No address either: the twins share it, and the household would find them whatever the SSN.
      .map((o, i) => ({ ...o, id: `E${i}`, dateOfBirth: null, addressLine1: null }));
    let twinsFound = 0;
    for (const claimant of exactly) {
      const expected = bruteCandidates(claimant, true);
      for (const [index, scheme] of [
        [indexes.numeric, digitKeys],
        [indexes.text, text],
      ] as const) {
        const found = (index as ObligorIndex<unknown>).candidates(prepareClaimant(claimant, scheme as KeyScheme<unknown>)).map((p) => index.obligors[p]!.id);
        expect(found.sort(), claimant.id).toEqual(index === indexes.numeric ? expected : bruteCandidates(claimant, false));
      }
      if (expected.some((id) => id.startsWith('T'))) twinsFound += 1;
    }
    expect(twinsFound).toBeGreaterThan(250);
    expect(exactly.length - twinsFound).toBeGreaterThan(250);
  });

  it('chooses the best and runner-up that full scoring of every candidate chooses, at any review threshold', () => {
    let checked = 0;
    for (const reviewThreshold of [-30, 0, 6, 12, 18]) {
      const policy = { ...defaultMatchPolicy, reviewThreshold };
      for (const claimant of claimants) {
        // Numeric keys and blind indexes alike (blind indexes cannot tell two digits off from different).
        for (const [index, c] of [
          [indexes.numeric, prepareClaimant(claimant, digitKeys)],
          [indexes.text, prepareClaimant(claimant, text)],
        ] as const) {
          // Every candidate scored in full; those under the review threshold dropped; ordered by score, then
          // id — the first rules' candidates, and all of them when those do not make an automatic match.
          const rank = (rules: 'first' | 'all') =>
            index
              .candidates(c as never, undefined, rules)
              .map((p) => scorePair(c as never, index.obligors[p]! as never, policy, nicknames, index.nameShares()))
              .filter((s) => s.score >= reviewThreshold)
              .sort((a, b) => b.score - a.score || (a.obligorId < b.obligorId ? -1 : 1));
          const first = rank('first');
          const ranked = decide(first[0] ?? null, first[1] ?? null, policy) === 'match' ? first : rank('all');
          const result = matchClaimant(index as never, c as never, policy, nicknames);
          expect(result.best, claimant.id).toEqual(ranked[0] ?? null);
          expect(result.runnerUp, claimant.id).toEqual(ranked[1] ?? null);
          expect(result.outcome).toBe(decide(ranked[0] ?? null, ranked[1] ?? null, policy));
          if (ranked.length > 1 && index === indexes.numeric) checked += 1;
        }
      }
    }
    // The population has claimants with two plausible candidates, so the runner-up is really tested.
    expect(checked).toBeGreaterThan(100);
  });

  it('gives the same results from an index built in shared memory, with blank positions, foreign postal codes and accents', () => {
    const odd = [
      { ...obligors[0]!, id: 'Ö-1', addressLine1: '12 Ñandú Ave', zip: 'K1A0C' },
      { ...obligors[1]!, id: 'X2', ssn: null, dateOfBirth: null, zip: null, addressLine1: null },
    ];
    const all = [...odd, ...obligors];
    const size = all.length * 2;
    const memory = sharedIndexMemory(size, 200 * all.length);
    const shared = new SharedObligorIndex(memory, { part: 0, parts: 1, from: 0, to: size, textFrom: 0, textTo: 200 * all.length });
    const prepare = prepareObligor(digitKeys);
    // Every other position is left empty, as a blank line of a file leaves it.
    all.forEach((o, i) => shared.add(2 * i + 1, prepare(o)));
    expect(shared.complete([shared.vocabulary()])).toBe(all.length);
    const memoryIndex = new ObligorIndex(all.map(prepare));
    const policy = { ...defaultMatchPolicy, reviewThreshold: 0 };
    for (const claimant of [...claimants, { ...odd[0]!, id: 'C-odd' }]) {
      const c = prepareClaimant(claimant, digitKeys);
      expect(matchClaimant(shared, c, policy, nicknames), claimant.id).toEqual(matchClaimant(memoryIndex, c, policy, nicknames));
    }
    expect(matchClaimant(shared, prepareClaimant({ ...odd[0]!, id: 'C-odd' }, digitKeys), policy, nicknames).best?.obligorId).toBe('Ö-1');
  });

  it('lets threads that met at a barrier go on when one fails afterwards, and stops them when one failed before', () => {
    const prepare = prepareObligor(digitKeys);
    const build = (state: number[]) => {
      const memory = sharedIndexMemory(4, 1_000);
      memory.state.set(state);
      const part = new SharedObligorIndex(memory, { part: 1, parts: 2, from: 2, to: 4, textFrom: 500, textTo: 1_000 });
      part.add(2, prepare(obligors[0]!));
      return () => part.complete([{ names: [''], codes: [''], zips: [''], obligors: 0 }, part.vocabulary()]);
    };
    // The other thread reached both barriers, then failed (on a claim): this one is not stopped by it.
    expect(build([1, 1, 1])()).toBe(1);
    // The other thread failed before it reached the first barrier: this one stops there.
    expect(build([0, 1, 0])).toThrow('Another thread building the index failed.');
  });
});
