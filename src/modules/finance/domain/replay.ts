/**
 * The account engine: replays a case's history (orders, suspensions, active duty, collections) up to a
 * date and returns every ledger entry with the balances. Pure and deterministic: the same history gives
 * the same entries, and a replay to an earlier date gives a prefix of a replay to a later one.
 *
 * Each day is processed in one order: installments falling due (then any futures applied to them);
 * interest brought up to date and posted, then collections in id order; interest posted at month end.
 *
 * @example
 *   const { balances } = replayAccount(history, '2025-06-30');
 *   balances.principalCents; // unpaid support principal
 */
import { dayNumberInMonth, dayOfMonth, fromDayNumber, monthIndexOf, toDayNumber, type CalendarDate } from '../../../platform/dates';
import type { BasisPoints, Cents } from '../../../platform/money';
import { Ledger } from './ledger';
import { defaultPolicies, inForce, rateForDueDate, type FinancePolicies, type InterestPolicy } from './policy';
import { chargeSchedule } from './schedule';
import { prorate } from './proration';
import { suspensionsFromIncarcerations, type Incarceration } from './incarceration';
import { AssistanceCalendar } from './assistance';
import { arrearsCategoryOrder, distributeCollection, type DistributionLine, type Payee } from './distribution';
import { AppError } from '../../../platform/errors';
import type { ActiveDutyPeriod, Adjustment, AssistancePeriod, Collection, FinanceOrder, Installment, SuspensionPeriod } from './types';

export interface CaseHistory {
  caseId: string;
  orders: FinanceOrder[];
  collections: Collection[];
  /** Periods a court or an earlier law suspended support for, as given. */
  suspensions: SuspensionPeriod[];
  /** Stays in custody as recorded: the FC 4007.5 suspension is derived from them (incarceration.ts). */
  incarcerations?: Incarceration[];
  activeDuty: ActiveDutyPeriod[];
  /** CalWORKs periods with their grants: decide assignment, URA and distribution. */
  assistance: AssistancePeriod[];
  /** Children on the case: the current-assistance pass-through is larger for two or more. */
  childCount: number;
  adjustments: Adjustment[];
}

export interface InstallmentState extends Installment {
  unpaidCents: Cents;
  interestPostedCents: Cents;
  /** DRA: support falling due in a month of assistance is assigned to the state. */
  isAssigned: boolean;
}

export interface Balances {
  chargedCents: Cents;
  collectedCents: Cents;
  principalCents: Cents;
  /** Interest posted and not yet paid. */
  interestCents: Cents;
  /** Interest accrued since the last posting, not yet on the ledger. */
  interestAccruedUnpostedCents: Cents;
  futuresCents: Cents;
  interestPaidCents: Cents;
  /** Unpaid principal assigned to the state, and owed to the family. */
  assignedPrincipalCents: Cents;
  unassignedPrincipalCents: Cents;
  /** Unreimbursed assistance still recoverable. */
  uraCents: Cents;
  /** What distribution has sent to each payee. */
  distributedCents: Record<Payee, Cents>;
  /** Reduced by compromise or a lower court determination, not paid. */
  principalWrittenOffCents: Cents;
  interestForgivenCents: Cents;
  refundedCents: Cents;
  byOrder: Record<string, { principalCents: Cents; interestCents: Cents }>;
}

/** What one distribution paid (current support, arrears by category, interest) and to whom, by the entry's ref. */
export interface DistributionRecord {
  date: CalendarDate;
  /** The collection's receipt id; an installment's id when futures met it; `arrears` for futures applied to arrears. */
  ref: string;
  currentCents: Cents;
  unassignedArrearsCents: Cents;
  assignedArrearsCents: Cents;
  interestCents: Cents;
  lines: DistributionLine[];
}

export interface ReplayResult {
  /** Every entry the replay wrote, in order (`ledger.entries()` builds them as objects). */
  ledger: Ledger;
  /** Every distribution in order: where each collection's dollars went (the payments view). */
  distributions: DistributionRecord[];
  installments: InstallmentState[];
  balances: Balances;
}

/** Exact interest is kept in units of 1/(10,000 × 365 × 12) cent, so monthly and daily accruals are both whole numbers. */
const interestDenominator = 10_000 * 365 * 12;

/** A month's interest in exact units is unpaid × rate × 365; over the denominator, unpaid × rate / 120,000 cents. */
const monthlyDivisor = interestDenominator / 365;

/** An installment as the engine tracks it: its public state and the interest bookkeeping (one object per installment). */
interface Live extends InstallmentState {
  /** The due date's month, as year × 12 + month − 1. */
  monthIndex: number;
  /** The order's place in the engine's id-sorted order list. */
  orderIndex: number;
  /** The order's override, else the table's rate for the due date (before any active-duty cap). */
  rateBasisPoints: BasisPoints;
  dueDay: number;
  /**
   * Exact accrued interest, in interestDenominator units, kept as whole cents plus the rest (0 ≤ rest <
   * interestDenominator): both stay small integers, so accrual and posting need no division and the
   * engine keeps every field untagged. The same at the last posting.
   */
  exactCents: number;
  exactRest: number;
  postedExactCents: number;
  postedExactRest: number;
  /** A month's accrual split the same way, for the unpaid amount and rate it was worked out for (−1: none yet). */
  stepUnpaidCents: number;
  stepRate: number;
  stepCents: number;
  stepRest: number;
  lastAccrualDay: number;
  /** The month (year × 12 + month − 1) and day number of the next monthly anniversary of the due date. */
  anniversaryMonth: number;
  nextAnniversaryDay: number;
  /** After a change from the daily to the monthly method: the day daily accrual stopped (else −1). */
  dailyUntil: number;
}

export const accounts = {
  principal: (orderId: string) => `principal_receivable:${orderId}`,
  interest: (orderId: string) => `interest_receivable:${orderId}`,
  supportCharged: (orderId: string) => `support_charged:${orderId}`,
  interestCharged: (orderId: string) => `interest_charged:${orderId}`,
  collections: 'collections_received',
  futures: 'futures_held',
  distributed: 'collections_distributed',
  payable: (payee: Payee) => `payable:${payee}`,
  refunds: 'refunds_payable:obligor',
  adjustments: (kind: string) => `adjustments:${kind}`,
};

/** The payees' account names, built once rather than per posting. */
const payableAccounts: Record<Payee, string> = { family: accounts.payable('family'), state: accounts.payable('state'), federal: accounts.payable('federal') };

/** What one application of money paid, by the categories distribution needs. */
interface Applied {
  currentCents: Cents;
  unassignedArrearsCents: Cents;
  assignedArrearsCents: Cents;
  interestCents: Cents;
}

const nothingApplied = (): Applied => ({ currentCents: 0, unassignedArrearsCents: 0, assignedArrearsCents: 0, interestCents: 0 });

function isOnActiveDuty(periods: ActiveDutyPeriod[], date: CalendarDate): boolean {
  return periods.some((p) => p.from <= date && date <= p.to);
}

/** Orders items by a calendar date, then by id, so that same-day events always replay in one order. */
function byDateThenId<T extends { id: string }>(dateOf: (item: T) => CalendarDate): (a: T, b: T) => number {
  return (a, b) => {
    const da = dateOf(a);
    const db = dateOf(b);
    if (da !== db) return da < db ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Sorts in place unless already in order (one order's schedule, a history listed by date: the usual case). */
function sortIfNeeded<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return items.sort(compare);
  return items;
}

function sortedCollections(collections: Collection[], through: CalendarDate): Collection[] {
  return sortIfNeeded(
    collections.filter((c) => c.receivedOn <= through),
    byDateThenId<Collection>((c) => c.receivedOn),
  );
}

/** Exact interest is only exact while its amounts are safe integers. */
function assertExact(l: Live, amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new Error(`Invariant broken: interest on ${l.id} exceeds exact integer range`);
}

/** Adds `amount` exact units (unpaid × rate × days or a month's 365) to an installment's interest. */
function addExact(l: Live, amount: number): void {
  assertExact(l, amount);
  const cents = Math.floor(amount / interestDenominator);
  carry(l, cents, amount - cents * interestDenominator);
}

/** Adds a whole month's interest at `rate`: its split is worked out once for each unpaid amount and rate, not every month. */
function addMonth(l: Live, rate: number): void {
  if (l.unpaidCents !== l.stepUnpaidCents || rate !== l.stepRate) {
    const product = l.unpaidCents * rate;
    assertExact(l, product * 365);
    l.stepUnpaidCents = l.unpaidCents;
    l.stepRate = rate;
    l.stepCents = Math.floor(product / monthlyDivisor);
    l.stepRest = (product - l.stepCents * monthlyDivisor) * 365;
  }
  carry(l, l.stepCents, l.stepRest);
}

/**
 * 1 if `value` ≥ `limit`, else 0, for 0 ≤ value, limit < 2³¹, without a branch: whether a rest carries
 * or rounds up is a coin toss, which a branch predictor keeps losing (it was 8% of a posting pass).
 */
const atLeast = (value: number, limit: number): number => (limit - 1 - value) >>> 31;

/** Adds whole cents and a rest (0 ≤ rest < interestDenominator) to an installment's exact interest. */
function carry(l: Live, cents: number, rest: number): void {
  const total = l.exactRest + rest;
  const over = atLeast(total, interestDenominator);
  l.exactRest = total - over * interestDenominator;
  l.exactCents += cents + over;
}

/** Whole cents plus a rest (0 ≤ rest < interestDenominator), rounded half up. */
const halfUp = (cents: Cents, rest: number): Cents => cents + atLeast(rest * 2, interestDenominator);

/** The installment's exact interest in cents, rounded half up (it is never negative). */
const roundedExact = (l: Live): Cents => halfUp(l.exactCents, l.exactRest);

/** The interest accrued since the last posting, rounded half up on its own. */
function sinceLastPosting(l: Live): Cents {
  const rest = l.exactRest - l.postedExactRest;
  // A negative rest borrows a cent.
  return rest < 0 ? halfUp(l.exactCents - l.postedExactCents - 1, rest + interestDenominator) : halfUp(l.exactCents - l.postedExactCents, rest);
}

class AccountEngine {
  readonly ledger: Ledger;
  readonly distributions: DistributionRecord[] = [];
  /**
   * Installments that may still accrue or post interest: the unpaid ones, and those paid off since the
   * last posting pass, in the first `liveCount` places (a pass that drops some moves the rest down rather
   * than shortening the array, which is a call into the engine's runtime).
   */
  private readonly live: Live[] = [];
  private liveCount = 0;
  /** Every installment charged, in due-date order. */
  private readonly all: Live[] = [];
  private futuresCents = 0;
  private collectedCents = 0;
  private firstUnpaid = 0;
  private uraCents = 0;
  private interestForgivenCents = 0;
  private principalWrittenOffCents = 0;
  private refundedCents = 0;
  /** The last month (index) whose grant is in URA. */
  private uraThroughMonth: number;
  private readonly assistance: AssistanceCalendar;
  /** Whether the SCRA cap may apply on some day (else every rate is the installment's own). */
  private readonly hasActiveDuty: boolean;
  private readonly distributedCents: Record<Payee, Cents> = { family: 0, state: 0, federal: 0 };
  /** Per order, by index: the court's or issuing state's rate, if any. */
  private readonly rateOverrides: (number | undefined)[];
  /** The last order looked up by id (installments of one order come in runs). */
  private lastOrderId: string | undefined;
  private lastOrderIndex = 0;
  /** Orders (by their index in orderIdsSorted) oldest first: interest is paid in this order. */
  private readonly ordersByAge: number[];
  /** Per order (by index), how old it is among the case's orders: the count of orders issued after it (prorate's tie-break: the older first). */
  private readonly ageRank: number[];
  /** Order ids in id order (interest entries are posted in it), and the interest each gets at one posting (reused). */
  private readonly orderIdsSorted: string[];
  private readonly orderIndexById: Map<string, number>;
  private readonly postedNow: Cents[];
  /** Per order, by index: interest posted, interest paid, and the order's account names (built once, not per posting). */
  private readonly interestPosted: Cents[];
  private readonly interestPaid: Cents[];
  private readonly names: { principal: string; interest: string; supportCharged: string; interestCharged: string }[];
  /** The method of the last accrual (a change of method hands over; see handOver). */
  private accruedMethod: InterestPolicy['method'] | undefined;
  /** The earliest monthly anniversary among live installments: no monthly accrual is due before it. */
  private nextAnniversaryAny = Number.POSITIVE_INFINITY;
  private lastAnniversaryMonth = -1;
  private lastAnniversaryDueDay = -1;
  private lastAnniversaryDay = -1;
  /** Whether `accrue` may have changed exact interest since the last posting (a posting pass accrues and posts at once). */
  private accruedSincePosting = false;

  constructor(
    private readonly history: CaseHistory,
    private readonly policies: FinancePolicies,
    /** About how many entries the replay will write (sizes the ledger's columns once). */
    expectedEntries = 0,
  ) {
    this.ledger = new Ledger(history.caseId, expectedEntries);
    this.assistance = new AssistanceCalendar(history.assistance);
    this.hasActiveDuty = history.activeDuty.length > 0;
    this.uraThroughMonth = this.assistance.firstMonth - 1;
    this.orderIdsSorted = [...new Set([...history.orders.map((o) => o.id)])].sort();
    this.orderIndexById = new Map(this.orderIdsSorted.map((id, i) => [id, i]));
    this.ordersByAge = [...history.orders].sort(byDateThenId<FinanceOrder>((o) => o.issuedOn)).map((o) => this.orderIndexById.get(o.id)!);
    this.ageRank = this.orderIdsSorted.map(() => 0);
    this.ordersByAge.forEach((o, i) => (this.ageRank[o] = this.ordersByAge.length - i));
    this.postedNow = this.orderIdsSorted.map(() => 0);
    const ordersById = new Map(history.orders.map((o) => [o.id, o]));
    this.rateOverrides = this.orderIdsSorted.map((id) => ordersById.get(id)!.interestRateOverrideBasisPoints);
    this.interestPosted = this.orderIdsSorted.map(() => 0);
    this.interestPaid = this.orderIdsSorted.map(() => 0);
    this.names = this.orderIdsSorted.map((orderId) => ({
      principal: accounts.principal(orderId),
      interest: accounts.interest(orderId),
      supportCharged: accounts.supportCharged(orderId),
      interestCharged: accounts.interestCharged(orderId),
    }));
  }

  private rateAt(l: Live, day: number): number {
    const base = l.rateBasisPoints;
    if (!this.hasActiveDuty) return base;
    const date = fromDayNumber(day);
    if (!isOnActiveDuty(this.history.activeDuty, date)) return base;
    return Math.min(base, inForce(this.policies.interest, date).activeDutyCapBasisPoints);
  }

  private orderIndexOf(orderId: string): number {
    if (orderId !== this.lastOrderId) {
      this.lastOrderIndex = this.orderIndexById.get(orderId)!;
      this.lastOrderId = orderId;
    }
    return this.lastOrderIndex;
  }

  /** A charge is support falling due, or (with a reason) arrears a court determined. */
  charge(inst: Installment, reason?: 'arrears_determination'): void {
    const policy = inForce(this.policies.interest, inst.dueDate);
    const orderIndex = this.orderIndexOf(inst.orderId);
    const dueDay = dayOfMonth(inst.dueDate);
    const monthIndex = monthIndexOf(inst.dueDate);
    const anniversaryMonth = monthIndex + 1;
    const nextAnniversaryDay = dayNumberInMonth(anniversaryMonth, dueDay);
    const state: Live = {
      id: inst.id,
      orderId: inst.orderId,
      dueDate: inst.dueDate,
      amountCents: inst.amountCents,
      unpaidCents: inst.amountCents,
      interestPostedCents: 0,
      isAssigned: this.assistance.isAssistanceMonth(monthIndex),
      monthIndex,
      orderIndex,
      rateBasisPoints: this.rateOverrides[orderIndex] ?? rateForDueDate(policy.rates, inst.dueDate),
      dueDay,
      exactCents: 0,
      exactRest: 0,
      postedExactCents: 0,
      postedExactRest: 0,
      stepUnpaidCents: -1,
      stepRate: -1,
      stepCents: 0,
      stepRest: 0,
      lastAccrualDay: dayNumberInMonth(monthIndex, dueDay),
      anniversaryMonth,
      nextAnniversaryDay,
      dailyUntil: -1,
    };
    this.all.push(state);
    this.live[this.liveCount++] = state;
    if (nextAnniversaryDay < this.nextAnniversaryAny) this.nextAnniversaryAny = nextAnniversaryDay;
    this.ledger
      .open(inst.dueDate, 'charge', inst.id)
      .debit(this.names[orderIndex]!.principal, inst.amountCents)
      .credit(reason ? accounts.adjustments(reason) : this.names[orderIndex]!.supportCharged, inst.amountCents)
      .close();
    // Arrears a court determined are paid from futures at once; support falling due, once every order's support due that day is charged.
    if (reason) this.applyFuturesToCharged(this.all.length - 1);
  }

  /** How many installments have been charged (where the next one charged will be in `all`). */
  get chargedCount(): number {
    return this.all.length;
  }

  /**
   * Futures held pay the installments charged from `from` on, all due the same day, as they fall due
   * (45 CFR 302.51(b)): in full, or each in proportion to what it is owed when futures fall short
   * (`prorate`); one entry and one distribution for the day (named by the installment when there is one,
   * else by the date), so that what the family receives does not depend on which order is paid first.
   */
  applyFuturesToCharged(from: number): void {
    if (this.futuresCents === 0) return;
    const to = this.all.length;
    if (to - from === 1) {
      // One installment (most days): paid as far as futures reach.
      const state = this.all[from]!;
      const applied = Math.min(this.futuresCents, state.unpaidCents);
      this.futuresCents -= applied;
      state.unpaidCents -= applied;
      this.ledger
        .open(state.dueDate, 'futures_applied', state.id)
        .debit(accounts.futures, applied)
        .credit(this.names[state.orderIndex]!.principal, applied)
        .close();
      this.distribute(state.dueDate, state.id, { ...nothingApplied(), currentCents: applied });
      return;
    }
    const date = this.all[from]!.dueDate;
    const parts = nothingApplied();
    const entry = this.ledger.open(date, 'futures_applied', `${date}:support_due`).reserve(accounts.futures);
    const left = this.paySameDay(from, to, this.futuresCents, true, parts);
    const applied = this.futuresCents - left;
    if (applied === 0) return this.ledger.discard();
    this.futuresCents = left;
    this.ledger.fill(entry, applied);
    this.ledger.close();
    this.distribute(date, `${date}:support_due`, parts);
  }

  /** Adds each month's assistance grant to URA, through the month `monthIndex`. */
  advanceTo(monthIndex: number): void {
    while (this.uraThroughMonth < monthIndex) {
      this.uraThroughMonth += 1;
      this.uraCents += this.assistance.grantForMonth(this.uraThroughMonth);
    }
  }

  /** Sends what was applied to its payees (42 USC 657) as one balanced entry. */
  private distribute(date: CalendarDate, ref: string, applied: Applied): void {
    const total = applied.currentCents + applied.unassignedArrearsCents + applied.assignedArrearsCents + applied.interestCents;
    if (total === 0) return;
    const { lines, uraAfterCents } = distributeCollection({
      currentCents: applied.currentCents,
      unassignedArrearsCents: applied.unassignedArrearsCents,
      assignedArrearsCents: applied.assignedArrearsCents,
      interestCents: applied.interestCents,
      status: this.assistance.status(monthIndexOf(date)),
      childCount: this.history.childCount,
      uraCents: this.uraCents,
      policy: inForce(this.policies.distribution, date),
    });
    this.uraCents = uraAfterCents;
    this.distributions.push({ date, ref, ...applied, lines });
    this.ledger.open(date, 'distribution', ref).debit(accounts.distributed, total);
    for (const line of lines) {
      // A switch, not distributedCents[line.payee]: a property chosen by name per line is the slow path.
      switch (line.payee) {
        case 'family':
          this.distributedCents.family += line.amountCents;
          break;
        case 'state':
          this.distributedCents.state += line.amountCents;
          break;
        case 'federal':
          this.distributedCents.federal += line.amountCents;
          break;
      }
      this.ledger.credit(payableAccounts[line.payee], line.amountCents);
    }
    this.ledger.close();
  }

  /**
   * Brings every installment's exact interest up to `date` (not posting it). Monthly accrual only
   * happens on anniversaries, so a day before the earliest one has nothing to do.
   */
  accrue(date: CalendarDate, day: number = toDayNumber(date)): void {
    const { method } = inForce(this.policies.interest, date);
    if (!this.startAccrual(method, day)) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.liveCount; i++) earliest = this.accrueOne(this.live[i]!, method, day, earliest);
    this.nextAnniversaryAny = earliest;
    this.accruedSincePosting = true;
  }

  /** Hands over on a change of method, and says whether any installment may have interest to accrue by `day`. */
  private startAccrual(method: InterestPolicy['method'], day: number): boolean {
    if (method !== this.accruedMethod && this.accruedMethod !== undefined) this.handOver(method);
    this.accruedMethod = method;
    return method === 'daily' || day >= this.nextAnniversaryAny;
  }

  /** Accrues one installment to `day`; returns the earliest next anniversary so far. */
  private accrueOne(l: Live, method: InterestPolicy['method'], day: number, earliest: number): number {
    if (method === 'daily') this.accrueDaily(l, day);
    else this.accrueMonthly(l, day);
    return l.nextAnniversaryDay < earliest ? l.nextAnniversaryDay : earliest;
  }

  /**
   * A new interest policy changed the method: each day is counted once, under the method in force when it
   * is accrued. Daily accrual starts from the last monthly anniversary reached (the day monthly accrual
   * counted up to); monthly accrual skips the anniversaries daily accrual has passed, and at the next one
   * counts the days since daily accrual stopped, not a whole month.
   */
  private handOver(method: InterestPolicy['method']): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.liveCount; i++) {
      const l = this.live[i]!;
      if (method === 'daily') {
        l.lastAccrualDay = Math.max(l.lastAccrualDay, dayNumberInMonth(l.anniversaryMonth - 1, l.dueDay));
        l.dailyUntil = -1;
      } else {
        l.dailyUntil = l.lastAccrualDay;
        while (l.nextAnniversaryDay <= l.dailyUntil) {
          l.anniversaryMonth += 1;
          l.nextAnniversaryDay = dayNumberInMonth(l.anniversaryMonth, l.dueDay);
        }
      }
      if (l.nextAnniversaryDay < earliest) earliest = l.nextAnniversaryDay;
    }
    this.nextAnniversaryAny = earliest;
  }

  private accrueDaily(l: Live, day: number): void {
    const from = l.lastAccrualDay;
    if (day <= from) return;
    l.lastAccrualDay = day;
    if (l.unpaidCents === 0) return;
    if (!this.hasActiveDuty) {
      addExact(l, l.unpaidCents * this.rateAt(l, from) * 12 * (day - from));
      return;
    }
    for (let d = from; d < day; d++) addExact(l, l.unpaidCents * this.rateAt(l, d) * 12);
  }

  private accrueMonthly(l: Live, day: number): void {
    while (l.nextAnniversaryDay <= day) {
      if (l.unpaidCents > 0) {
        const rate = this.rateAt(l, l.nextAnniversaryDay);
        // A month is 365/12 days: in exact units, rate × 365 a month or rate × 12 a day.
        if (l.dailyUntil < 0) addMonth(l, rate);
        else addExact(l, l.unpaidCents * rate * 12 * (l.nextAnniversaryDay - l.dailyUntil));
      }
      l.dailyUntil = -1;
      l.anniversaryMonth += 1;
      l.nextAnniversaryDay = this.anniversaryDay(l.anniversaryMonth, l.dueDay);
    }
  }

  /** The day number of `dueDay` in the month (clamped), remembered for the last month and day asked: a pass asks the same of most installments. */
  private anniversaryDay(monthIndex: number, dueDay: number): number {
    if (monthIndex !== this.lastAnniversaryMonth || dueDay !== this.lastAnniversaryDueDay) {
      this.lastAnniversaryMonth = monthIndex;
      this.lastAnniversaryDueDay = dueDay;
      this.lastAnniversaryDay = dayNumberInMonth(monthIndex, dueDay);
    }
    return this.lastAnniversaryDay;
  }

  /**
   * Brings interest up to `date` and posts what accrued since the last posting, one entry per order, in
   * one pass over the live installments (which also drops those fully paid, their interest all posted).
   */
  accrueAndPost(date: CalendarDate, day: number): void {
    const policy: InterestPolicy = inForce(this.policies.interest, date);
    const accrueNow = this.startAccrual(policy.method, day);
    // Nothing to accrue or post (installments paid off since the last pass are dropped at the next one, not looked for now).
    if (!accrueNow && !this.accruedSincePosting) return;
    const cumulative = policy.rounding === 'cumulative';
    const posted = this.postedNow;
    for (let i = 0; i < posted.length; i++) posted[i] = 0;
    const live = this.live;
    let earliest = Number.POSITIVE_INFINITY;
    let kept = 0;
    const liveCount = this.liveCount;
    for (let i = 0; i < liveCount; i++) {
      const l = live[i]!;
      if (accrueNow) earliest = this.accrueOne(l, policy.method, day, earliest);
      if (l.exactRest !== l.postedExactRest || l.exactCents !== l.postedExactCents) {
        const delta = cumulative ? roundedExact(l) - l.interestPostedCents : sinceLastPosting(l);
        l.postedExactCents = l.exactCents;
        l.postedExactRest = l.exactRest;
        l.interestPostedCents += delta;
        posted[l.orderIndex]! += delta;
      }
      if (l.unpaidCents !== 0) {
        // Written back only once an earlier one was dropped: most passes drop none.
        if (kept !== i) live[kept] = l;
        kept += 1;
      }
    }
    this.liveCount = kept;
    if (accrueNow) this.nextAnniversaryAny = earliest;
    // Everything accrued, including in this pass, is now posted.
    this.accruedSincePosting = false;
    // Exact interest only grows, so every delta is positive and an order with nothing to post sums to 0.
    for (let i = 0; i < this.orderIdsSorted.length; i++) {
      const amount = posted[i]!;
      if (amount === 0) continue;
      const orderId = this.orderIdsSorted[i]!;
      this.interestPosted[i]! += amount;
      this.ledger.open(date, 'interest', orderId).debit(this.names[i]!.interest, amount).credit(this.names[i]!.interestCharged, amount).close();
    }
  }

  /**
   * Futures held while something is owed (an arrears-only collection that found no arrears yet, then a
   * month ended) pay that debt at month end: principal oldest first (what is due the same day on several
   * orders prorated), then interest.
   */
  applyFuturesToDebt(date: CalendarDate): void {
    if (this.futuresCents === 0) return;
    const futures = this.ledger.open(date, 'futures_applied', 'arrears').reserve(accounts.futures);
    const parts = nothingApplied();
    let left = this.futuresCents;
    for (let i = this.skipPaid(); i < this.all.length && left > 0;) {
      const end = this.sameDayEnd(i);
      left = this.paySameDay(i, end, left, false, parts);
      i = end;
    }
    let applied = this.futuresCents - left;
    parts.interestCents = this.payInterest(left);
    applied += parts.interestCents;
    if (applied === 0) return this.ledger.discard();
    this.futuresCents -= applied;
    this.ledger.fill(futures, applied);
    this.ledger.close();
    this.distribute(date, 'arrears', parts);
  }

  private interestOwed(orderIndex: number): Cents {
    return this.interestPosted[orderIndex]! - this.interestPaid[orderIndex]!;
  }

  /** Pays at most `amount` of posted interest, oldest order first, crediting each order's interest account; returns what it paid. */
  private payInterest(amount: Cents): Cents {
    let paid = 0;
    for (const o of this.ordersByAge) {
      const part = Math.min(amount - paid, this.interestOwed(o));
      if (part === 0) continue;
      this.interestPaid[o]! += part;
      paid += part;
      this.ledger.credit(this.names[o]!.interest, part);
    }
    return paid;
  }

  /** Pays `remaining` (at most) into one installment; returns what is left. */
  private payInstallment(inst: Live, remaining: Cents, isCurrent: boolean, parts: Applied): Cents {
    const paid = Math.min(remaining, inst.unpaidCents);
    inst.unpaidCents -= paid;
    if (isCurrent) parts.currentCents += paid;
    else if (inst.isAssigned) parts.assignedArrearsCents += paid;
    else parts.unassignedArrearsCents += paid;
    this.ledger.credit(this.names[inst.orderIndex]!.principal, paid);
    return remaining - paid;
  }

  /** The first installment that may be unpaid: `all` is in due-date order (charges arrive sorted). */
  private skipPaid(): number {
    while (this.firstUnpaid < this.all.length && this.all[this.firstUnpaid]!.unpaidCents === 0) this.firstUnpaid += 1;
    return this.firstUnpaid;
  }

  /** Where the installments due on the same day as the one at `i` end in `all` (one past the last). */
  private sameDayEnd(i: number): number {
    const { monthIndex, dueDay } = this.all[i]!;
    let end = i + 1;
    while (end < this.all.length && this.all[end]!.dueDay === dueDay && this.all[end]!.monthIndex === monthIndex) end += 1;
    return end;
  }

  /**
   * Pays the unpaid installments from `from` to `to` (due the same day, on several orders; of one
   * category when `isAssigned` is given): all of them if the money reaches, else each in proportion to
   * what it is owed (`prorate`, the older order first for an odd cent), never by which order's id sorts
   * first. Returns what is left.
   */
  private paySameDay(from: number, to: number, remaining: Cents, isCurrent: boolean, parts: Applied, isAssigned?: boolean): Cents {
    if (to - from === 1) {
      const inst = this.all[from]!;
      return inst.unpaidCents > 0 && (isAssigned === undefined || inst.isAssigned === isAssigned)
        ? this.payInstallment(inst, remaining, isCurrent, parts)
        : remaining;
    }
    const due: Live[] = [];
    for (let k = from; k < to; k++) {
      const inst = this.all[k]!;
      if (inst.unpaidCents > 0 && (isAssigned === undefined || inst.isAssigned === isAssigned)) due.push(inst);
    }
    const shares = prorate(
      remaining,
      due.map((inst) => inst.unpaidCents),
      due.map((inst) => this.ageRank[inst.orderIndex]!),
    );
    due.forEach((inst, k) => (remaining = remaining - shares[k]! + this.payInstallment(inst, shares[k]!, isCurrent, parts)));
    return remaining;
  }

  /** Pays the unpaid installments due in the month `monthIndex` (current support), oldest first (those due the same day prorated); returns what is left. */
  private payCurrent(monthIndex: number, remaining: Cents, parts: Applied): Cents {
    const first = this.skipPaid();
    // This month's installments are the last ones charged: find where they start from the end.
    let i = this.all.length;
    while (i > first && this.all[i - 1]!.monthIndex >= monthIndex) i -= 1;
    while (i < this.all.length && remaining > 0) {
      const inst = this.all[i]!;
      const end = this.sameDayEnd(i);
      if (end > i + 1) {
        if (inst.monthIndex === monthIndex) remaining = this.paySameDay(i, end, remaining, true, parts);
      } else if (inst.unpaidCents > 0 && inst.monthIndex === monthIndex) remaining = this.payInstallment(inst, remaining, true, parts);
      i = end;
    }
    return remaining;
  }

  /** Pays the unpaid installments of one category due before the month `monthIndex` (arrears), oldest first (those due the same day prorated); returns what is left. */
  private payArrears(monthIndex: number, isAssigned: boolean, remaining: Cents, parts: Applied): Cents {
    let i = this.skipPaid();
    while (i < this.all.length && remaining > 0) {
      const inst = this.all[i]!;
      if (inst.monthIndex >= monthIndex) break;
      const end = this.sameDayEnd(i);
      if (end > i + 1) remaining = this.paySameDay(i, end, remaining, false, parts, isAssigned);
      else if (inst.unpaidCents > 0 && inst.isAssigned === isAssigned) remaining = this.payInstallment(inst, remaining, false, parts);
      i = end;
    }
    return remaining;
  }

  /** CCP 695.221: applies a collection in the order in force on its receipt date. */
  collect(collection: Collection): void {
    const crediting = inForce(this.policies.crediting, collection.receivedOn);
    const monthIndex = monthIndexOf(collection.receivedOn);
    const isArrearsOnly = crediting.arrearsOnlySources.includes(collection.source);
    let remaining = collection.amountCents;
    this.ledger.open(collection.receivedOn, 'collection', collection.id).debit(accounts.collections, collection.amountCents);
    const parts = nothingApplied();
    for (const step of crediting.order) {
      if (remaining === 0) break;
      if (step === 'current') {
        if (!isArrearsOnly) remaining = this.payCurrent(monthIndex, remaining, parts);
      } else if (step === 'principal') {
        // Oldest first within each category, categories in distribution's order (assigned or family first).
        const categories = arrearsCategoryOrder(
          this.assistance.status(monthIndex),
          collection.source === 'federal_tax_offset',
          inForce(this.policies.distribution, collection.receivedOn),
        );
        for (const category of categories) remaining = this.payArrears(monthIndex, category === 'assigned', remaining, parts);
      } else {
        const paid = this.payInterest(remaining);
        remaining -= paid;
        parts.interestCents += paid;
      }
    }
    if (remaining > 0) {
      this.futuresCents += remaining;
      this.ledger.credit(accounts.futures, remaining);
    }
    this.collectedCents += collection.amountCents;
    this.ledger.close();
    this.distribute(collection.receivedOn, collection.id, parts);
  }

  /** Applies a correction on its effective date, after that day's collections. */
  adjust(adjustment: Adjustment): void {
    const { effectiveOn: date } = adjustment;
    const refuse = (message: string) => {
      throw new AppError('validation', 'adjustment_exceeds_balance', `Adjustment ${adjustment.id} on ${date}: ${message}.`, [
        { path: `/adjustments/${adjustment.id}`, message },
      ]);
    };
    switch (adjustment.kind) {
      case 'misapplied_receipt':
        return; // Taken out of the collections before the replay starts; see replayAccount.
      case 'refund_over_collection': {
        if (adjustment.amountCents > this.futuresCents) refuse(`refund of ${adjustment.amountCents} cents exceeds the ${this.futuresCents} cents held`);
        this.futuresCents -= adjustment.amountCents;
        this.refundedCents += adjustment.amountCents;
        this.openAdjustment(adjustment).debit(accounts.futures, adjustment.amountCents).credit(accounts.refunds, adjustment.amountCents).close();
        return;
      }
      case 'compromise': {
        this.openAdjustment(adjustment).debit(accounts.adjustments('compromise'), adjustment.amountCents);
        let left = adjustment.amountCents;
        if (adjustment.appliesTo === 'assigned_principal') {
          for (const inst of this.all) {
            if (left === 0) break;
            if (!inst.isAssigned || inst.unpaidCents === 0) continue;
            const cut = Math.min(left, inst.unpaidCents);
            inst.unpaidCents -= cut;
            left -= cut;
            this.principalWrittenOffCents += cut;
            this.ledger.credit(this.names[inst.orderIndex]!.principal, cut);
          }
        } else {
          const cut = this.payInterest(left);
          this.interestForgivenCents += cut;
          left -= cut;
        }
        if (left > 0) refuse(`compromise of ${adjustment.amountCents} cents exceeds what is owed in ${adjustment.appliesTo.replace('_', ' ')}`);
        this.ledger.close();
        return;
      }
      case 'court_arrears_determination': {
        const month = monthIndexOf(date);
        const arrears = this.all.filter((i) => i.monthIndex < month && i.unpaidCents > 0);
        const current = arrears.reduce((sum, i) => sum + i.unpaidCents, 0);
        const change = adjustment.principalCents - current;
        if (change < 0) {
          // Policy [GAP]: a lower determination reduces the oldest arrears first.
          let left = -change;
          this.openAdjustment(adjustment).debit(accounts.adjustments('arrears_determination'), -change);
          for (const inst of arrears) {
            const cut = Math.min(left, inst.unpaidCents);
            inst.unpaidCents -= cut;
            left -= cut;
            this.principalWrittenOffCents += cut;
            this.ledger.credit(this.names[inst.orderIndex]!.principal, cut);
            if (left === 0) break;
          }
          this.ledger.close();
        } else if (change > 0) {
          // A higher determination is a new arrears amount due on the effective date (interest runs from it).
          const oldest = this.ordersByAge[0];
          const orderId = oldest === undefined ? undefined : this.orderIdsSorted[oldest];
          if (!orderId) refuse('the case has no order to carry the determined arrears');
          this.charge(
            { id: `${orderId}:${date}:determination:${adjustment.id}`, orderId: orderId!, dueDate: date, amountCents: change },
            'arrears_determination',
          );
        }
        return;
      }
    }
  }

  private openAdjustment(adjustment: Adjustment): Ledger {
    return this.ledger.open(adjustment.effectiveOn, 'adjustment', adjustment.id);
  }

  balances(asOf: CalendarDate): Balances {
    const byOrder: Balances['byOrder'] = {};
    for (const order of this.history.orders) byOrder[order.id] = { principalCents: 0, interestCents: this.interestOwed(this.orderIndexById.get(order.id)!) };
    let principalCents = 0;
    let chargedCents = 0;
    let assignedPrincipalCents = 0;
    for (const inst of this.all) {
      principalCents += inst.unpaidCents;
      if (inst.isAssigned) assignedPrincipalCents += inst.unpaidCents;
      chargedCents += inst.amountCents;
      byOrder[inst.orderId]!.principalCents += inst.unpaidCents;
    }
    this.accrue(asOf);
    this.advanceTo(monthIndexOf(asOf));
    let unposted = 0;
    for (let i = 0; i < this.liveCount; i++) unposted += roundedExact(this.live[i]!) - this.live[i]!.interestPostedCents;
    const interestCents = Object.values(byOrder).reduce((sum, o) => sum + o.interestCents, 0);
    const interestPaidCents = this.interestPaid.reduce((a, b) => a + b, 0);
    return {
      chargedCents,
      collectedCents: this.collectedCents,
      principalCents,
      interestCents,
      interestAccruedUnpostedCents: unposted,
      futuresCents: this.futuresCents,
      interestPaidCents,
      assignedPrincipalCents,
      unassignedPrincipalCents: principalCents - assignedPrincipalCents,
      uraCents: this.uraCents,
      distributedCents: { ...this.distributedCents },
      principalWrittenOffCents: this.principalWrittenOffCents,
      interestForgivenCents: this.interestForgivenCents,
      refundedCents: this.refundedCents,
      byOrder,
    };
  }

  installments(): InstallmentState[] {
    return this.all.map(({ id, orderId, dueDate, amountCents, unpaidCents, interestPostedCents, isAssigned }) => ({
      id,
      orderId,
      dueDate,
      amountCents,
      unpaidCents,
      interestPostedCents,
      isAssigned,
    }));
  }
}

/** The day number of each item's date, in its order (a loop: `Int32Array.from` with a mapper goes through the iterator protocol, and was 7% of a replay). */
function dayNumbers<T>(items: T[], dateOf: (item: T) => CalendarDate): Int32Array {
  const days = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) days[i] = toDayNumber(dateOf(items[i]!));
  return days;
}

/** Replays the account from its beginning through `asOf`. */
export function replayAccount(history: CaseHistory, asOf: CalendarDate, policies: FinancePolicies = defaultPolicies): ReplayResult {
  // One order's schedule as it is (most cases have one), several concatenated: flatMap was 5% of a replay.
  const suspensions = history.incarcerations?.length
    ? [...history.suspensions, ...suspensionsFromIncarcerations(history.incarcerations, policies.incarceration, asOf)]
    : history.suspensions;
  let scheduled = history.orders.length === 0 ? [] : chargeSchedule(history.orders[0]!, suspensions, asOf);
  for (let o = 1; o < history.orders.length; o++) scheduled = scheduled.concat(chargeSchedule(history.orders[o]!, suspensions, asOf));
  const charges = sortIfNeeded(
    scheduled,
    byDateThenId<Installment>((i) => i.dueDate),
  );
  const adjustments = history.adjustments.filter((a) => a.effectiveOn <= asOf).sort(byDateThenId<Adjustment>((a) => a.effectiveOn));
  // A misapplied receipt, once corrected, never counted: the replay explains the difference.
  const misapplied = new Set(adjustments.flatMap((a) => (a.kind === 'misapplied_receipt' ? [a.collectionId] : [])));
  const collections = sortedCollections(misapplied.size === 0 ? history.collections : history.collections.filter((c) => !misapplied.has(c.id)), asOf);
  const firstDate = [charges[0]?.dueDate, collections[0]?.receivedOn, adjustments[0]?.effectiveOn].filter((d): d is CalendarDate => d !== undefined).sort()[0];
  // Each charge and collection writes an entry and most a distribution; each order posts interest monthly.
  const months = firstDate === undefined ? 0 : monthIndexOf(asOf) - monthIndexOf(firstDate) + 1;
  const engine = new AccountEngine(history, policies, charges.length + 2 * collections.length + 2 * adjustments.length + months * history.orders.length);
  if (firstDate === undefined) return { ledger: engine.ledger, distributions: engine.distributions, installments: [], balances: engine.balances(asOf) };
  let c = 0;
  let k = 0;
  let j = 0;
  // Walk only the days on which something happens: a charge, a collection, an adjustment or a month end,
  // as day numbers (compared as numbers, not as date strings), each with its date.
  const chargeDays = dayNumbers(charges, (i) => i.dueDate);
  const collectionDays = dayNumbers(collections, (i) => i.receivedOn);
  const adjustmentDays = dayNumbers(adjustments, (i) => i.effectiveOn);
  const lastDay = toDayNumber(asOf);
  let date = firstDate;
  let day = toDayNumber(firstDate);
  // The current month's end, kept while the walk stays in it.
  let monthEnd = -1;
  let month = 0;
  while (day <= lastDay) {
    if (day > monthEnd) {
      month = monthIndexOf(date);
      monthEnd = dayNumberInMonth(month, 31);
      engine.advanceTo(month);
    }
    if (c < charges.length && chargeDays[c] === day) {
      const from = engine.chargedCount;
      while (c < charges.length && chargeDays[c] === day) engine.charge(charges[c++]!);
      engine.applyFuturesToCharged(from);
    }
    if (k < collections.length && collectionDays[k] === day) {
      engine.accrueAndPost(date, day);
      while (k < collections.length && collectionDays[k] === day) engine.collect(collections[k++]!);
    }
    if (j < adjustments.length && adjustmentDays[j] === day) {
      engine.accrueAndPost(date, day);
      while (j < adjustments.length && adjustmentDays[j] === day) engine.adjust(adjustments[j++]!);
    }
    if (day === monthEnd) {
      engine.accrueAndPost(date, day);
      engine.applyFuturesToDebt(date);
    }
    let next = day === monthEnd ? dayNumberInMonth(month + 1, 31) : monthEnd;
    if (c < charges.length && chargeDays[c]! < next) next = chargeDays[c]!;
    if (k < collections.length && collectionDays[k]! < next) next = collectionDays[k]!;
    if (j < adjustments.length && adjustmentDays[j]! < next) next = adjustmentDays[j]!;
    day = next;
    date = fromDayNumber(day);
  }
  return { ledger: engine.ledger, distributions: engine.distributions, installments: engine.installments(), balances: engine.balances(asOf) };
}
