/**
 * Deterministic demo data: the same seed and index always give the same case, people, assistance
 * history and orders, with stable ids, so seeding is repeatable, resumable at any index and
 * idempotent. SSNs come only from areas 900–999, never issued as real SSNs.
 *
 * @example
 *   const demo = generateDemoCase(counties, { seed: 7, index: 0, asOf: '2026-10-31' });
 */
import crypto from 'node:crypto';
import { en, en_US, Faker } from '@faker-js/faker';
import type { CalendarDate } from '../../../platform/dates';

export interface DemoCounty {
  fips: string;
  name: string;
  seat: string;
  lcsaId: string;
  populationThousands: number;
}

export interface DemoPerson {
  id: string;
  role: 'obligor' | 'custodial_party' | 'child';
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: CalendarDate;
  ssn: string | null;
  addressLine1: string;
  city: string;
  state: string;
  zip: string;
  hasFamilyViolenceFlag: boolean;
}

export interface DemoTerm {
  id: string;
  reason: 'original' | 'modification' | 'termination';
  effectiveFrom: CalendarDate;
  frequency: 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly';
  amountCents: number;
  isReserved: boolean;
}

export interface DemoCase {
  id: string;
  caseNumber: string;
  lcsaId: string;
  countyFips: string;
  status: 'open' | 'closed';
  openedOn: CalendarDate;
  closedOn: CalendarDate | null;
  people: DemoPerson[];
  assistance: {
    id: string;
    program: 'calworks' | 'foster_care' | 'medi_cal';
    startsOn: CalendarDate;
    endsOn: CalendarDate | null;
    monthlyGrantCents: number | null;
  }[];
  order: { id: string; courtOrderNumber: string; courtCountyFips: string; orderType: 'child_support'; issuedOn: CalendarDate; terms: DemoTerm[] } | null;
}

export interface DemoOptions {
  seed: number;
  index: number;
  /** The demo's "today": nothing is dated after it. */
  asOf: CalendarDate;
}

/**
 * A demo CalWORKs grant by assistance unit (the children and the caretaker): illustrative round figures
 * of the size of California's maximum aid payments, not the MAP table. Worked out from the case rather
 * than drawn, so the rest of the demo data stays as it was.
 */
function demoGrantCents(childCount: number): number {
  return 70_000 + 20_000 * childCount;
}

/** A UUID derived from its parts, so regenerated rows keep their ids. */
export function stableUuid(...parts: (string | number)[]): string {
  const hex = crypto.createHash('sha256').update(parts.join(':')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const dayMs = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10) as CalendarDate;
const fromDate = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: CalendarDate, days: number) => toDate(fromDate(date) + days * dayMs);
const yearsBefore = (date: CalendarDate, years: number) => addDays(date, -Math.round(years * 365.25));
/** Per-period amount for a monthly amount: semi-monthly ½, bi-weekly 12/26, weekly 12/52. */
const periodCents = (monthlyCents: number, frequency: DemoTerm['frequency']) =>
  Math.round(monthlyCents * { monthly: 1, semi_monthly: 0.5, biweekly: 12 / 26, weekly: 12 / 52 }[frequency]);

export function pickCounty(counties: DemoCounty[], unit: number): DemoCounty {
  const total = counties.reduce((sum, c) => sum + c.populationThousands, 0);
  let remaining = unit * total;
  for (const county of counties) {
    remaining -= county.populationThousands;
    if (remaining < 0) return county;
  }
  return counties[counties.length - 1]!;
}

function demoSsn(faker: Faker): string {
  const area = faker.number.int({ min: 900, max: 999 });
  const group = faker.number.int({ min: 1, max: 99 });
  const serial = faker.number.int({ min: 1, max: 9999 });
  return `${area}${String(group).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
}

function dateBetween(faker: Faker, from: CalendarDate, to: CalendarDate): CalendarDate {
  return toDate(faker.number.int({ min: fromDate(from), max: Math.max(fromDate(from), fromDate(to)) }));
}

export function generateDemoCase(counties: DemoCounty[], { seed, index, asOf }: DemoOptions): DemoCase {
  const faker = new Faker({ locale: [en_US, en] });
  faker.seed([seed, index]);
  const id = (part: string) => stableUuid('demo', seed, index, part);
  const county = pickCounty(counties, faker.number.float({ min: 0, max: 1 }));
  const openedOn = dateBetween(faker, yearsBefore(asOf, 15), addDays(asOf, -30));
  const address = (isElsewhere: boolean) => {
    const place = isElsewhere ? pickCounty(counties, faker.number.float({ min: 0, max: 1 })) : county;
    return { addressLine1: faker.location.streetAddress(), city: place.seat, state: 'CA', zip: faker.location.zipCode({ state: 'CA' }) };
  };
  const adult = (role: 'obligor' | 'custodial_party', sex: 'male' | 'female', lastName: string): DemoPerson => ({
    id: id(role),
    role,
    firstName: faker.person.firstName(sex),
    middleName: faker.datatype.boolean(0.6) ? faker.person.middleName(sex) : null,
    lastName,
    dateOfBirth: dateBetween(faker, yearsBefore(openedOn, 50), yearsBefore(openedOn, 20)),
    ssn: faker.datatype.boolean(0.95) ? demoSsn(faker) : null,
    ...address(role === 'obligor' && faker.datatype.boolean(0.2)),
    hasFamilyViolenceFlag: role === 'custodial_party' && faker.datatype.boolean(0.03),
  });
  const obligorSex = faker.datatype.boolean(0.82) ? 'male' : 'female';
  const obligor = adult('obligor', obligorSex, faker.person.lastName());
  const custodialParty = adult(
    'custodial_party',
    obligorSex === 'male' ? 'female' : 'male',
    faker.datatype.boolean(0.4) ? obligor.lastName : faker.person.lastName(),
  );
  const childCount = faker.helpers.weightedArrayElement([
    { weight: 55, value: 1 },
    { weight: 30, value: 2 },
    { weight: 15, value: 3 },
  ]);
  const children: DemoPerson[] = Array.from({ length: childCount }, (_, n) => {
    const sex = faker.person.sexType();
    return {
      ...custodialParty,
      id: id(`child-${n}`),
      role: 'child',
      firstName: faker.person.firstName(sex),
      middleName: faker.datatype.boolean(0.5) ? faker.person.middleName(sex) : null,
      lastName: faker.datatype.boolean(0.7) ? obligor.lastName : custodialParty.lastName,
      dateOfBirth: dateBetween(faker, yearsBefore(openedOn, 16), openedOn),
      ssn: faker.datatype.boolean(0.7) ? demoSsn(faker) : null,
    };
  });

  const assistanceKind = faker.helpers.weightedArrayElement([
    { weight: 35, value: 'current' },
    { weight: 30, value: 'former' },
    { weight: 35, value: 'never' },
  ] as const);
  const assistance: DemoCase['assistance'] = [];
  if (assistanceKind !== 'never') {
    const startsOn = dateBetween(faker, yearsBefore(openedOn, 2), openedOn);
    const endsOn = assistanceKind === 'former' ? dateBetween(faker, addDays(startsOn, 90), asOf) : null;
    assistance.push({ id: id('assistance-calworks'), program: 'calworks', startsOn, endsOn, monthlyGrantCents: demoGrantCents(childCount) });
  }
  if (faker.datatype.boolean(0.25))
    assistance.push({ id: id('assistance-medi-cal'), program: 'medi_cal', startsOn: openedOn, endsOn: null, monthlyGrantCents: null });

  const isClosed = faker.datatype.boolean(0.12);
  let order: DemoCase['order'] = null;
  if (faker.datatype.boolean(0.9)) {
    const issuedOn = dateBetween(faker, addDays(openedOn, 20), addDays(openedOn, 180));
    if (issuedOn <= asOf) {
      const frequency = faker.helpers.weightedArrayElement([
        { weight: 85, value: 'monthly' },
        { weight: 5, value: 'semi_monthly' },
        { weight: 5, value: 'biweekly' },
        { weight: 5, value: 'weekly' },
      ] as const);
      const isReserved = faker.datatype.boolean(0.06);
      const monthlyCents = isReserved ? 0 : faker.number.int({ min: 150, max: 1_500 }) * 100;
      const terms: DemoTerm[] = [
        { id: id('term-0'), reason: 'original', effectiveFrom: issuedOn, frequency, amountCents: periodCents(monthlyCents, frequency), isReserved },
      ];
      const modifiedOn = addDays(issuedOn, faker.number.int({ min: 365, max: 1_460 }));
      if (!isReserved && faker.datatype.boolean(0.25) && modifiedOn <= asOf) {
        const newMonthly = Math.round((monthlyCents * faker.number.int({ min: 60, max: 140 })) / 100 / 100) * 100;
        terms.push({
          id: id('term-1'),
          reason: 'modification',
          effectiveFrom: modifiedOn,
          frequency,
          amountCents: periodCents(newMonthly, frequency),
          isReserved: false,
        });
      }
      order = {
        id: id('order'),
        courtOrderNumber: `${issuedOn.slice(0, 4)}FL${String(seed).padStart(3, '0')}${String(index).padStart(7, '0')}`,
        courtCountyFips: county.fips,
        orderType: 'child_support',
        issuedOn,
        terms,
      };
    }
  }
  const closedOn = isClosed ? dateBetween(faker, addDays(openedOn, 180), asOf) : null;
  if (order && closedOn)
    order.terms.push({
      id: id('term-end'),
      reason: 'termination',
      effectiveFrom: closedOn > order.terms.at(-1)!.effectiveFrom ? closedOn : addDays(order.terms.at(-1)!.effectiveFrom, 1),
      frequency: order.terms[0]!.frequency,
      amountCents: 0,
      isReserved: false,
    });
  return {
    id: id('case'),
    caseNumber: `D${String(seed).padStart(3, '0')}-${String(index).padStart(8, '0')}`,
    lcsaId: county.lcsaId,
    countyFips: county.fips,
    status: isClosed ? 'closed' : 'open',
    openedOn,
    closedOn,
    people: [obligor, custodialParty, ...children],
    assistance,
    order,
  };
}
