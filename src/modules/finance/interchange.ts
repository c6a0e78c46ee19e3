/**
 * Reads a case history in the interchange format (contract.ts): JSON syntax, then the schema (unknown
 * fields refused), then what no schema can say (impossible histories: terms out of order, duplicate ids,
 * periods ending before they start). Every problem names its JSON pointer in the document.
 *
 * @example const history = readCaseHistory(fs.readFileSync('case.json', 'utf8'), 'case.json');
 */
import { type CalendarDate, isCalendarDate } from '../../platform/dates';
import type { FieldError } from '../../platform/errors';
import { readJsonDocument } from '../../platform/schema-problems';
import { checkNewTerm } from '../registry/index';
import { CaseHistorySchema, ObligorHistorySchema, type CaseHistoryDocument, type ObligorHistoryDocument } from './contract';
import type { CaseHistory } from './domain/replay';
import type { Collection } from './domain/types';

function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  return new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))));
}

/** Problems with a history that matches the schema but cannot have happened. */
export function historyProblems(history: Omit<CaseHistoryDocument, 'formatVersion'>): FieldError[] {
  const problems: FieldError[] = [];
  const dates: [string, string][] = [];
  const duplicateOrders = duplicates(history.orders.map((o) => o.id));
  history.orders.forEach((order, i) => {
    dates.push([`/orders/${i}/issuedOn`, order.issuedOn]);
    if (duplicateOrders.has(order.id)) problems.push({ path: `/orders/${i}/id`, message: `order id ${order.id} appears more than once` });
    const accepted: { reason: 'original' | 'modification' | 'termination'; effectiveFrom: CalendarDate; amountCents: number; isReserved: boolean }[] = [];
    order.terms.forEach((term, j) => {
      dates.push([`/orders/${i}/terms/${j}/effectiveFrom`, term.effectiveFrom]);
      if (j === 0 && (term.reason !== 'original' || term.effectiveFrom !== order.issuedOn)) {
        problems.push({ path: `/orders/${i}/terms/0`, message: 'the first term is the original, effective on the issue date' });
      }
      if (j > 0 && term.effectiveFrom <= order.terms[j - 1]!.effectiveFrom)
        problems.push({ path: `/orders/${i}/terms/${j}/effectiveFrom`, message: 'terms must be in date order' });
      for (const p of checkNewTerm({ issuedOn: order.issuedOn, terms: accepted }, term))
        problems.push({ path: `/orders/${i}/terms/${j}${p.path}`, message: p.message });
      accepted.push(term);
    });
  });
  const duplicateCollections = duplicates(history.collections.map((c) => c.id));
  history.collections.forEach((c, i) => {
    dates.push([`/collections/${i}/receivedOn`, c.receivedOn]);
    if (duplicateCollections.has(c.id)) problems.push({ path: `/collections/${i}/id`, message: `collection id ${c.id} appears more than once` });
  });
  for (const key of ['suspensions', 'activeDuty'] as const) {
    history[key].forEach((p, i) => {
      dates.push([`/${key}/${i}/from`, p.from], [`/${key}/${i}/to`, p.to]);
      if (p.to < p.from) problems.push({ path: `/${key}/${i}/to`, message: `ends before it starts (${p.from})` });
    });
  }
  const duplicateStays = duplicates(history.incarcerations.map((s) => s.id));
  history.incarcerations.forEach((s, i) => {
    dates.push([`/incarcerations/${i}/from`, s.from]);
    if (s.releasedOn !== null) dates.push([`/incarcerations/${i}/releasedOn`, s.releasedOn]);
    if (s.releasedOn !== null && s.releasedOn < s.from)
      problems.push({ path: `/incarcerations/${i}/releasedOn`, message: `is before the stay began (${s.from})` });
    if (duplicateStays.has(s.id)) problems.push({ path: `/incarcerations/${i}/id`, message: `stay id ${s.id} appears more than once` });
  });
  history.assistance.forEach((a, i) => {
    dates.push([`/assistance/${i}/from`, a.from]);
    if (a.to !== null) dates.push([`/assistance/${i}/to`, a.to]);
    if (a.to !== null && a.to < a.from) problems.push({ path: `/assistance/${i}/to`, message: `ends before it starts (${a.from})` });
  });
  const collectionIds = new Set(history.collections.map((c) => c.id));
  const duplicateAdjustments = duplicates(history.adjustments.map((a) => a.id));
  history.adjustments.forEach((a, i) => {
    dates.push([`/adjustments/${i}/effectiveOn`, a.effectiveOn]);
    if (duplicateAdjustments.has(a.id)) problems.push({ path: `/adjustments/${i}/id`, message: `adjustment id ${a.id} appears more than once` });
    if (a.kind === 'misapplied_receipt' && !collectionIds.has(a.collectionId))
      problems.push({ path: `/adjustments/${i}/collectionId`, message: `no collection ${a.collectionId}` });
  });
  for (const [path, date] of dates) if (!isCalendarDate(date)) problems.push({ path, message: `${date} is not a calendar date` });
  return problems;
}

/** The error codes of a finance document that is not JSON, or not a valid history. */
const documentCodes = { notJson: 'case_history_not_json', invalid: 'case_history_is_invalid' } as const;

export function readCaseHistory(text: string, source: string): CaseHistory {
  return caseHistoryOf(readJsonDocument<CaseHistoryDocument>(text, source, CaseHistorySchema, documentCodes, historyProblems));
}

function caseHistoryOf(typed: Omit<CaseHistoryDocument, 'formatVersion'>): CaseHistory {
  const { caseId, orders, collections, suspensions, incarcerations, activeDuty, assistance, childCount, adjustments } = typed;
  return { caseId, orders, collections, suspensions, incarcerations, activeDuty, assistance, childCount, adjustments };
}

/** An obligor's cases and the lump sums received for the obligor (formatVersion 2). */
export interface ObligorHistory {
  obligorId: string;
  cases: CaseHistory[];
  obligorCollections: Collection[];
}

/** Problems with an obligor document that matches the schema: each case's, by its place, and ids used twice. */
function obligorProblems(document: ObligorHistoryDocument): FieldError[] {
  const problems = document.cases.flatMap((c, i) => historyProblems(c).map((p) => ({ ...p, path: `/cases/${i}${p.path}` })));
  const twice = duplicates(document.cases.map((c) => c.caseId));
  document.cases.forEach((c, i) => twice.has(c.caseId) && problems.push({ path: `/cases/${i}/caseId`, message: `case id ${c.caseId} appears more than once` }));
  const lumpTwice = duplicates(document.obligorCollections.map((c) => c.id));
  document.obligorCollections.forEach((c, i) => {
    if (lumpTwice.has(c.id)) problems.push({ path: `/obligorCollections/${i}/id`, message: `collection id ${c.id} appears more than once` });
    if (!isCalendarDate(c.receivedOn)) problems.push({ path: `/obligorCollections/${i}/receivedOn`, message: `${c.receivedOn} is not a calendar date` });
  });
  return problems;
}

/**
 * A finance document of either version: one case's history (1), or an obligor's cases with lump sums
 * (2). The version is read first, so each is checked against its own schema.
 */
export function readFinanceDocument(text: string, source: string): { kind: 'case'; history: CaseHistory } | ({ kind: 'obligor' } & ObligorHistory) {
  let version: unknown;
  try {
    version = (JSON.parse(text) as { formatVersion?: unknown } | null)?.formatVersion;
  } catch {
    version = undefined; // readCaseHistory says where the JSON breaks
  }
  if (version !== 2) return { kind: 'case', history: readCaseHistory(text, source) };
  const typed = readJsonDocument<ObligorHistoryDocument>(text, source, ObligorHistorySchema, documentCodes, obligorProblems);
  return { kind: 'obligor', obligorId: typed.obligorId, cases: typed.cases.map(caseHistoryOf), obligorCollections: typed.obligorCollections };
}
