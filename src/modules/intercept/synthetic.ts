/**
 * A labelled synthetic population for measuring the matcher: obligors, and insurance claimants of whom
 * some are those obligors — written the way claim files really come: nicknames, typos, transposed or
 * mistyped SSN digits, missing SSNs, day and month swapped, people who moved — and the rest are other
 * people, many with the same common names. Deterministic for a seed. The people are invented, but their
 * SSNs are plausible numbers that may belong to someone: use the output only in tests and benchmarks.
 *
 * @example const { obligors, claimants } = syntheticPopulation({ obligors: 10_000, claimants: 10_000, seed: 1 });
 */
import type { PersonFacts } from './domain/match';
import { corrupted, type ErrorKind } from './synthetic-errors';

const firstNames = [
  'MARIA',
  'JOSE',
  'JUAN',
  'MICHAEL',
  'DAVID',
  'JAMES',
  'ROBERT',
  'JOHN',
  'DANIEL',
  'CARLOS',
  'LUIS',
  'JENNIFER',
  'JESSICA',
  'ELIZABETH',
  'PATRICIA',
  'ANTHONY',
  'CHRISTOPHER',
  'JOSEPH',
  'RICHARD',
  'WILLIAM',
  'FRANCISCO',
  'JESUS',
  'MIGUEL',
  'ALEJANDRO',
  'ROSA',
  'GUADALUPE',
  'CATHERINE',
  'MARGARET',
  'SUSAN',
  'SANDRA',
  'VICTORIA',
  'STEVEN',
  'THOMAS',
  'EDWARD',
  'RAYMOND',
  'SAMUEL',
  'ANDREW',
  'NICHOLAS',
  'KENNETH',
  'TERESA',
  'REBECCA',
  'PETER',
  'BENJAMIN',
  'FERNANDO',
  'GABRIELA',
  'RAFAEL',
  'ALBERTO',
  'ARTHUR',
  'CYNTHIA',
  'DEBORAH',
];
const nicknamesOf: Record<string, string[]> = {
  MICHAEL: ['MIKE', 'MIGUEL'],
  JAMES: ['JIM', 'JIMMY'],
  ROBERT: ['BOB', 'ROB', 'BOBBY'],
  JOHN: ['JACK', 'JOHNNY'],
  DANIEL: ['DAN', 'DANNY'],
  JENNIFER: ['JEN', 'JENNY'],
  ELIZABETH: ['LIZ', 'BETH', 'BETSY'],
  PATRICIA: ['PATTY', 'TRICIA'],
  ANTHONY: ['TONY'],
  CHRISTOPHER: ['CHRIS'],
  JOSEPH: ['JOE', 'JOEY'],
  RICHARD: ['RICK', 'RICH'],
  WILLIAM: ['BILL', 'WILL'],
  FRANCISCO: ['PACO', 'FRANK', 'PANCHO'],
  JOSE: ['PEPE'],
  GUADALUPE: ['LUPE'],
  CATHERINE: ['KATHY', 'KATE'],
  MARGARET: ['MAGGIE', 'PEGGY'],
  SUSAN: ['SUE', 'SUSIE'],
  VICTORIA: ['VICKY'],
  STEVEN: ['STEVE'],
  THOMAS: ['TOM', 'TOMMY'],
  EDWARD: ['ED', 'EDDIE'],
  SAMUEL: ['SAM'],
  ANDREW: ['ANDY', 'DREW'],
  NICHOLAS: ['NICK'],
  KENNETH: ['KEN'],
  TERESA: ['TERRY'],
  REBECCA: ['BECKY'],
  PETER: ['PETE'],
  BENJAMIN: ['BEN'],
  ALEJANDRO: ['ALEX'],
  MARIA: ['MARY'],
};
const lastNames = [
  'GARCIA',
  'HERNANDEZ',
  'LOPEZ',
  'MARTINEZ',
  'GONZALEZ',
  'RODRIGUEZ',
  'SMITH',
  'PEREZ',
  'SANCHEZ',
  'RAMIREZ',
  'JOHNSON',
  'NGUYEN',
  'TORRES',
  'FLORES',
  'WILLIAMS',
  'BROWN',
  'RIVERA',
  'GOMEZ',
  'DIAZ',
  'JONES',
  'CRUZ',
  'REYES',
  'MORALES',
  'GUTIERREZ',
  'ORTIZ',
  'CHAVEZ',
  'RUIZ',
  'DAVIS',
  'MILLER',
  'KIM',
  'CASTILLO',
  'ROMERO',
  'JIMENEZ',
  'VASQUEZ',
  'MENDOZA',
  'ALVAREZ',
  'MORENO',
  'WILSON',
  'ANDERSON',
  'TAYLOR',
  'THOMAS',
  'MOORE',
  'JACKSON',
  'MARTIN',
  'LEE',
  'TRAN',
  'THOMPSON',
  'WHITE',
  'HARRIS',
  'CLARK',
  'LEWIS',
  'ROBINSON',
  'WALKER',
  'YOUNG',
  'ALLEN',
  'KING',
  'WRIGHT',
  'SCOTT',
  'GREEN',
  'BAKER',
  'ADAMS',
  'NELSON',
  'HILL',
  'CAMPBELL',
  'MITCHELL',
  'CARTER',
  'PHAM',
  'CHEN',
  'WONG',
  'PATEL',
  'SINGH',
  'AGUILAR',
  'VARGAS',
  'CASTRO',
  'FERNANDEZ',
  'HERRERA',
  'MEDINA',
  'SILVA',
  'CONTRERAS',
  'DOMINGUEZ',
];
const streets = ['MAIN ST', 'OAK AVE', 'PINE ST', 'MAPLE DR', 'CEDAR LN', 'ELM ST', 'WASHINGTON BLVD', 'LINCOLN AVE', 'MISSION ST', 'EL CAMINO REAL'];

/** People whose names both files carry in another script (Chinese, Cyrillic, Armenian, Korean). */
const otherScripts: { first: string[]; last: string[] }[] = [
  { first: ['伟', '秀英', '静', '磊'], last: ['王', '李', '张', '刘', '陈'] },
  { first: ['ОЛЬГА', 'ДМИТРИЙ', 'АННА', 'СЕРГЕЙ'], last: ['ИВАНОВ', 'ПЕТРОВА', 'СМИРНОВ', 'КУЗНЕЦОВА'] },
  { first: ['ԱՐԱՄ', 'ԳԱՅԱՆԵ', 'ՏԻԳՐԱՆ', 'ԱՆԻ'], last: ['ՍԱՐԳՍՅԱՆ', 'ՀԱԿՈԲՅԱՆ', 'ՊԵՏՐՈՍՅԱՆ', 'ԳՐԻԳՈՐՅԱՆ'] },
  { first: ['민준', '서연', '지호', '하은'], last: ['김', '이', '박', '최'] },
];

/** What a labelled claimant is beyond its errors: names in another script, an SSN that fails SSA's rules in both files. */
export type Trait = 'non_latin' | 'ssn_invalid';
/** The hard cases among people who are not obligors: a twin, a junior, a relative at the same address, a namesake. */
export type HardNegative = 'twin' | 'junior' | 'relative' | 'namesake';

export interface LabelledClaimant extends PersonFacts {
  /** The obligor this claimant really is, or null for someone else. */
  trueObligorId: string | null;
  /** FEBRL-style population only: the errors the claim carries (none for someone else). */
  errors?: ErrorKind[];
  traits?: Trait[];
  /** FEBRL-style population only, someone else: how close to an obligor they are made. */
  hardNegative?: HardNegative;
}

function lcg(seed: number): () => number {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  return () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** A unique plausible SSN for each index below 658 million (a bijection: area 001–665, group 01–99, serial). */
export function syntheticSsn(index: number): string {
  const space = 665 * 99 * 9_999;
  const h = Number((BigInt(index) * 2_147_483_647n) % BigInt(space));
  const area = 1 + (h % 665);
  const group = 1 + (Math.floor(h / 665) % 99);
  const serial = 1 + Math.floor(h / (665 * 99));
  return `${String(area).padStart(3, '0')}${String(group).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
}

function birthDate(random: () => number): string {
  const year = 1955 + Math.floor(random() * 48);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const newAddress = (random: () => number) => ({
  addressLine1: `${1 + Math.floor(random() * 9_999)} ${pick(random, streets)}`,
  zip: String(90_001 + Math.floor(random() * 6_000)),
});

/** One person in a FEBRL-style population: 2% with names in another script, 0.5% with an SSN that fails SSA's rules (recorded so everywhere). */
function febrlPerson(random: () => number, id: string, ssnIndex: number): PersonFacts & { traits: Trait[] } {
  const p = { ...person(random, id, ssnIndex), traits: [] as Trait[] };
  if (random() < 0.02) {
    const script = pick(random, otherScripts);
    Object.assign(p, { firstName: pick(random, script.first), lastName: pick(random, script.last) });
    p.traits.push('non_latin');
  }
  if (random() < 0.005) {
    p.ssn = random() < 0.5 ? `${p.ssn!.slice(0, 3)}00${p.ssn!.slice(5)}` : `${p.ssn!.slice(0, 5)}0000`;
    p.traits.push('ssn_invalid');
  }
  return p;
}

function person(random: () => number, id: string, ssnIndex: number): PersonFacts {
  return {
    id,
    ssn: syntheticSsn(ssnIndex),
    firstName: pick(random, firstNames),
    lastName: random() < 0.15 ? `${pick(random, lastNames)} ${pick(random, lastNames)}` : pick(random, lastNames),
    dateOfBirth: birthDate(random),
    ...newAddress(random),
  };
}

function typo(random: () => number, name: string): string {
  const i = Math.floor(random() * name.length);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${name.slice(0, i)}${pick(random, letters.split(''))}${name.slice(i + 1)}`;
}

function transposeOnce(random: () => number, ssn: string): string {
  for (let tries = 0; tries < 10; tries++) {
    const i = Math.floor(random() * 8);
    if (ssn[i] !== ssn[i + 1]) return `${ssn.slice(0, i)}${ssn[i + 1]}${ssn[i]}${ssn.slice(i + 2)}`;
  }
  return ssn;
}

function oneDigitOff(random: () => number, ssn: string): string {
  // Positions 3–8 keep the area plausible.
  const i = 3 + Math.floor(random() * 6);
  const digit = (Number(ssn[i]) + 1 + Math.floor(random() * 9)) % 10;
  const changed = `${ssn.slice(0, i)}${digit}${ssn.slice(i + 1)}`;
  return changed.slice(3, 5) === '00' || changed.slice(5) === '0000' ? ssn : changed;
}

/** What the claim file says about a real obligor, with the kinds of error claim files carry. */
function asReported(random: () => number, o: PersonFacts, id: string): PersonFacts {
  const c = { ...o, id };
  if (random() < 0.1 && nicknamesOf[c.firstName!]) c.firstName = pick(random, nicknamesOf[c.firstName!]!);
  if (random() < 0.04) c.lastName = typo(random, c.lastName!);
  if (random() < 0.1 && c.lastName!.includes(' ')) c.lastName = c.lastName!.split(' ')[0]!;
  const ssnRoll = random();
  if (ssnRoll < 0.02) c.ssn = transposeOnce(random, c.ssn!);
  else if (ssnRoll < 0.04) c.ssn = oneDigitOff(random, c.ssn!);
  else if (ssnRoll < 0.09) c.ssn = null; // the file then carries birth date and address (OCSE SIF rule)
  if (random() < 0.02) {
    const [y, m, d] = c.dateOfBirth!.split('-');
    if (Number(d) <= 12) c.dateOfBirth = `${y}-${d}-${m}`;
  } else if (c.ssn && random() < 0.05) c.dateOfBirth = null;
  if (random() < 0.2) Object.assign(c, newAddress(random));
  return c;
}

/**
 * Someone who is not an obligor but close to one: a twin (same last name, birth date and address), a
 * junior (same names and address, a generation younger), a relative at the same address, a namesake.
 */
function hardNegative(random: () => number, other: PersonFacts, o: PersonFacts): HardNegative {
  const roll = random();
  const kind: HardNegative = roll < 0.25 ? 'twin' : roll < 0.5 ? 'junior' : roll < 0.75 ? 'relative' : 'namesake';
  const home = { addressLine1: o.addressLine1, zip: o.zip };
  if (kind === 'twin') {
    const firstName = other.firstName === o.firstName ? firstNames[(firstNames.indexOf(o.firstName!) + 1) % firstNames.length] : other.firstName;
    Object.assign(other, { firstName, lastName: o.lastName, dateOfBirth: o.dateOfBirth, ...home });
  }
  if (kind === 'junior') {
    const year = Number(o.dateOfBirth!.slice(0, 4)) + 20 + Math.floor(random() * 16);
    Object.assign(other, { firstName: o.firstName, lastName: o.lastName, dateOfBirth: `${year}${o.dateOfBirth!.slice(4)}`, ...home });
  }
  if (kind === 'relative') Object.assign(other, { lastName: o.lastName, ...home });
  if (kind === 'namesake') Object.assign(other, { firstName: o.firstName, lastName: o.lastName });
  return kind;
}

/**
 * The labelled population. `errors: 'light'` (the default) writes claims with the few errors of the
 * first benchmark; `'febrl'` with one to four FEBRL-style errors per real obligor's claim (synthetic-errors.ts),
 * names in other scripts, SSNs that fail SSA's rules, and hard negatives (4% of the others).
 */
export function syntheticPopulation(options: { obligors: number; claimants: number; seed: number; obligorShare?: number; errors?: 'light' | 'febrl' }): {
  obligors: PersonFacts[];
  claimants: LabelledClaimant[];
} {
  if (options.errors === 'febrl') return febrlPopulation(options);
  const random = lcg(options.seed);
  const obligors = Array.from({ length: options.obligors }, (_, i) => person(random, `O${i + 1}`, i + 1));
  const share = options.obligorShare ?? 0.3;
  const claimants: LabelledClaimant[] = [];
  for (let i = 0; i < options.claimants; i++) {
    const id = `C${i + 1}`;
    if (random() < share) {
      const o = obligors[Math.floor(random() * obligors.length)]!;
      claimants.push({ ...asReported(random, o, id), trueObligorId: o.id });
    } else {
      // Someone else; often with an obligor's common name, now and then the same birth date too.
      const other = person(random, id, options.obligors + 10 + i);
      const lookalike = obligors[Math.floor(random() * obligors.length)]!;
      const roll = random();
      if (roll < 0.3) Object.assign(other, { firstName: lookalike.firstName, lastName: lookalike.lastName });
      if (roll < 0.003) other.dateOfBirth = lookalike.dateOfBirth;
      claimants.push({ ...other, trueObligorId: null });
    }
  }
  return { obligors, claimants };
}

function febrlPopulation(options: { obligors: number; claimants: number; seed: number; obligorShare?: number }): {
  obligors: PersonFacts[];
  claimants: LabelledClaimant[];
} {
  const random = lcg(options.seed);
  const people = Array.from({ length: options.obligors }, (_, i) => febrlPerson(random, `O${i + 1}`, i + 1));
  const obligors = people.map(({ traits: _traits, ...facts }): PersonFacts => facts);
  const tools = { nicknames: (first: string) => nicknamesOf[first], newAddress: () => newAddress(random) };
  const share = options.obligorShare ?? 0.3;
  const claimants: LabelledClaimant[] = [];
  for (let i = 0; i < options.claimants; i++) {
    const id = `C${i + 1}`;
    if (random() < share) {
      const at = Math.floor(random() * obligors.length);
      const { person: reported, errors } = corrupted(random, { ...obligors[at]!, id }, tools);
      claimants.push({ ...reported, trueObligorId: obligors[at]!.id, errors, traits: people[at]!.traits });
      continue;
    }
    const { traits, ...other } = febrlPerson(random, id, options.obligors + 10 + i);
    const lookalike = obligors[Math.floor(random() * obligors.length)]!;
    const roll = random();
    const claimant: LabelledClaimant = { ...other, trueObligorId: null, traits };
    if (roll < 0.04) claimant.hardNegative = hardNegative(random, claimant, lookalike);
    else if (roll < 0.34) Object.assign(claimant, { firstName: lookalike.firstName, lastName: lookalike.lastName });
    claimants.push(claimant);
  }
  return { obligors, claimants };
}
