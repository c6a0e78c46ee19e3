/**
 * The registry's part of the one search: cases and court orders by their number's first characters,
 * people by name (trigram word similarity, so a typo still finds them) or by the SSN's last four with the
 * date of birth. Each person comes with the case to open: their open case first, the newest otherwise.
 * Part of the registry store (re-exported by store/index.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/connect';
import { queryRows } from '../../../platform/db/rows';
import { likeText } from '../../../platform/db/like';
import type { CalendarDate } from '../../../platform/dates';

/**
 * How alike a typed name must be to a run of a person's name (pg_trgm word similarity, 0–1), tried in
 * turn until someone is found: 0.7 (the name as written, give or take a letter: few index candidates, so
 * fast at statewide size), 0.5 (a full name with a typo in one word), 0.3 (one word with two letters
 * swapped). A stricter threshold that finds people keeps the looser ones' near-namesakes out.
 */
export const nameSimilarityThresholds = [0.7, 0.5, 0.3] as const;

/** The `%`, `_` and `\` of typed text taken literally in a LIKE pattern. */
export interface FoundCase {
  id: string;
  lcsa_id: string;
  case_number: string;
  status: string;
  obligor: string | null;
}

/** Cases whose number starts with the text (given in upper case; compared in upper case), within the scope condition on `c.lcsa_id`. */
export async function casesByNumber(tx: Tx, prefix: string, scope: SQL, limit: number): Promise<FoundCase[]> {
  return queryRows<FoundCase>(
    tx,
    sql`select c.id, c.lcsa_id, c.case_number, c.status,
          (select p.last_name || ', ' || p.first_name from case_participants cp join persons p on p.id = cp.person_id
            where cp.case_id = c.id and cp.role = 'obligor' limit 1) as obligor
        from cases c where upper(c.case_number) like ${`${likeText(prefix)}%`} and ${scope}
        order by c.case_number limit ${limit}`,
  );
}

/**
 * The ids of cases whose number starts with the text (compared in upper case), as a subquery another module's
 * statement narrows its own rows by: `case_id in ${caseIdsByNumberSql('D001')}`.
 */
export function caseIdsByNumberSql(prefix: string): SQL {
  return sql`(select c.id from cases c where upper(c.case_number) like ${`${likeText(prefix.toUpperCase())}%`})`;
}

export interface FoundOrder {
  id: string;
  lcsa_id: string;
  case_id: string;
  case_number: string;
  court_order_number: string;
  order_type: string;
}

/** Court orders whose number starts with the text (in upper case), within the scope condition on `o.lcsa_id`. */
export async function ordersByNumber(tx: Tx, prefix: string, scope: SQL, limit: number): Promise<FoundOrder[]> {
  return queryRows<FoundOrder>(
    tx,
    sql`select o.id, o.lcsa_id, o.case_id, c.case_number, o.court_order_number, o.order_type
        from orders o join cases c on c.id = o.case_id
        where upper(o.court_order_number) like ${`${likeText(prefix)}%`} and ${scope}
        order by o.court_order_number limit ${limit}`,
  );
}

export interface FoundPerson {
  id: string;
  lcsa_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: CalendarDate | null;
  ssn_last4: string | null;
  case_id: string | null;
  case_number: string | null;
  role: string | null;
  score: number;
}

const personColumns = sql`p.id, p.lcsa_id, p.first_name, p.last_name, p.date_of_birth::text as date_of_birth, p.ssn_last4,
  k.case_id, k.case_number, k.role`;
const personCase = sql`left join lateral (
    select cp.case_id, c.case_number, cp.role from case_participants cp join cases c on c.id = cp.case_id
    where cp.person_id = p.id order by (c.status = 'open') desc, c.opened_on desc limit 1) k on true`;

/** People whose name is like the text (word similarity at least `threshold`), most alike first; scope on `p.lcsa_id`. */
export async function personsByName(tx: Tx, name: string, scope: SQL, limit: number, threshold: number): Promise<FoundPerson[]> {
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`);
  return queryRows<FoundPerson>(
    tx,
    sql`select ${personColumns}, p.score from (
          select p.*, word_similarity(${name}, p.search_name) as score from persons p
          where ${name} <% p.search_name and ${scope}
          order by score desc, p.last_name, p.first_name limit ${limit}) p
        ${personCase} order by p.score desc, p.last_name, p.first_name`,
  );
}

/** People with these last four SSN digits and this date of birth; scope on `p.lcsa_id`. */
export async function personsByLast4(tx: Tx, last4: string, dateOfBirth: CalendarDate, scope: SQL, limit: number): Promise<FoundPerson[]> {
  return queryRows<FoundPerson>(
    tx,
    sql`select ${personColumns}, 1.0::float8 as score from persons p ${personCase}
        where p.ssn_last4 = ${last4} and p.date_of_birth = ${dateOfBirth} and ${scope}
        order by p.last_name, p.first_name limit ${limit}`,
  );
}
