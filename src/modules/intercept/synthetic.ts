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

export interface LabelledClaimant extends PersonFacts {
  /** The obligor this claimant really is, or null for someone else. */
  trueObligorId: string | null;
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

function person(random: () => number, id: string, ssnIndex: number): PersonFacts {
  const year = 1955 + Math.floor(random() * 48);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    id,
    ssn: syntheticSsn(ssnIndex),
    firstName: pick(random, firstNames),
    lastName: random() < 0.15 ? `${pick(random, lastNames)} ${pick(random, lastNames)}` : pick(random, lastNames),
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    addressLine1: `${1 + Math.floor(random() * 9_999)} ${pick(random, streets)}`,
    zip: String(90_001 + Math.floor(random() * 6_000)),
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
  if (random() < 0.2) {
    c.addressLine1 = `${1 + Math.floor(random() * 9_999)} ${pick(random, streets)}`;
    c.zip = String(90_001 + Math.floor(random() * 6_000));
  }
  return c;
}

export function syntheticPopulation(options: { obligors: number; claimants: number; seed: number; obligorShare?: number }): {
  obligors: PersonFacts[];
  claimants: LabelledClaimant[];
} {
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
