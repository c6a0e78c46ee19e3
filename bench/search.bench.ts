/**
 * The one search box at statewide size: 1,000,000 people (names drawn from faker's lists, a quarter of
 * them obligors of a case) on the PostgreSQL server. Runs 600 searches one after another through the
 * search service in their own transaction (the audit row included) — names with a typo, names as
 * written, case-number prefixes, the SSN's last four with the birth date — as a statewide user and as an
 * LCSA's caseworker, and prints p50/p95/p99/max per kind and overall. Target: p99 ≤ 100 ms.
 *
 *   npm run bench -- search       BENCH_PEOPLE=1000000 BENCH_SERVER_URL=postgres://…   (BENCH_FRESH=1 rebuilds)
 */
import { faker } from '@faker-js/faker';
import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import { modules } from '../src/modules/all';
import type { Actor } from '../src/platform/auth/actor';
import { openDatabase } from '../src/platform/db/connect';
import { queryRows } from '../src/platform/db/rows';
import { inTransaction } from '../src/platform/db/transaction';
import { search } from '../src/platform/search/search';
import { prepareDatabase } from '../src/setup';
import { benchServerDatabase } from './server-database';

const people = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const searches = Number(process.env.BENCH_SEARCHES ?? 600);
const chunk = 50_000;

faker.seed(26);
const firstNames = faker.helpers.uniqueArray(() => faker.person.firstName(), 1_500);
const lastNames = faker.helpers.uniqueArray(() => faker.person.lastName(), 3_000);

/** One letter swapped with the next, somewhere after the first: the typo people make. */
function typo(word: string): string {
  if (word.length < 4) return word;
  const i = 1 + faker.number.int({ min: 0, max: word.length - 3 });
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const url = await benchServerDatabase('concord_bench_search', { isFresh: process.env.BENCH_FRESH === '1' });
  if (!url) return;
  const database = await openDatabase({ kind: 'server', url, poolSize: 2 });
  await prepareDatabase(database);
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`);
  if (n < people) {
    const counties = await queryRows<{ fips: string; lcsa_id: string }>(database.db, sql`select fips, lcsa_id from counties order by fips`);
    const bar = new SingleBar({ format: 'seeding people {bar} {value}/{total}' });
    bar.start(people, n);
    for (let from = n; from < people; from += chunk) {
      const size = Math.min(chunk, people - from);
      await inTransaction(database.db, async (tx) => {
        // People: names from the lists, a birth date 1950–2005, four SSN digits; every fourth is an obligor of a case.
        await tx.execute(sql`
          insert into persons (id, lcsa_id, first_name, last_name, date_of_birth, ssn_last4)
          select md5('bench-person-' || i)::uuid, (${sql.param(counties.map((c) => c.lcsa_id))}::text[])[1 + i % ${counties.length}],
            (${sql.param(firstNames)}::text[])[1 + (abs(hashtext('f' || i)) % ${firstNames.length})],
            (${sql.param(lastNames)}::text[])[1 + (abs(hashtext('l' || i)) % ${lastNames.length})],
            date '1950-01-01' + (abs(hashtext('d' || i)) % 20000),
            lpad((abs(hashtext('s' || i)) % 10000)::text, 4, '0')
          from generate_series(${from}::int, ${from + size - 1}::int) i`);
        await tx.execute(sql`
          insert into cases (id, lcsa_id, case_number, county_fips, status, opened_on)
          select md5('bench-case-' || i)::uuid, (${sql.param(counties.map((c) => c.lcsa_id))}::text[])[1 + i % ${counties.length}],
            'B' || lpad(i::text, 9, '0'), (${sql.param(counties.map((c) => c.fips))}::text[])[1 + i % ${counties.length}], 'open', date '2020-01-01' + (i % 2000)
          from generate_series(${from}::int, ${from + size - 1}::int) i where i % 4 = 0`);
        await tx.execute(sql`
          insert into case_participants (lcsa_id, case_id, person_id, role)
          select (${sql.param(counties.map((c) => c.lcsa_id))}::text[])[1 + i % ${counties.length}], md5('bench-case-' || i)::uuid, md5('bench-person-' || i)::uuid, 'obligor'
          from generate_series(${from}::int, ${from + size - 1}::int) i where i % 4 = 0`);
      });
      bar.update(from + size);
    }
    bar.stop();
    await database.db.execute(sql`analyze persons; analyze cases; analyze case_participants`);
  }

  const providers = modules.flatMap((m) => m.search ?? []);
  const sample = await queryRows<{ first_name: string; last_name: string; ssn_last4: string; date_of_birth: string; lcsa_id: string }>(
    database.db,
    sql`select first_name, last_name, ssn_last4, date_of_birth::text, lcsa_id from persons tablesample system (1) limit ${searches}`,
  );
  const statewide: Actor = { userId: null, role: 'state_staff', lcsaId: null, partnerId: null, requestId: null };
  const kinds = ['name with a typo', 'name as written', 'surname only', 'case number prefix', 'last four + birth date'] as const;
  const times = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const all: number[] = [];
  let found = 0;
  for (let i = 0; i < searches; i += 1) {
    const p = sample[i % sample.length]!;
    const kind = kinds[i % kinds.length]!;
    const q =
      kind === 'name with a typo'
        ? `${p.first_name} ${typo(p.last_name)}`
        : kind === 'name as written'
          ? `${p.first_name} ${p.last_name}`
          : kind === 'surname only'
            ? p.last_name
            : kind === 'case number prefix'
              ? `B${String(faker.number.int({ min: 0, max: people / 10 })).padStart(8, '0')}`
              : `${p.ssn_last4} ${p.date_of_birth}`;
    const actor: Actor = i % 2 === 0 ? statewide : { ...statewide, role: 'lcsa_caseworker', lcsaId: p.lcsa_id };
    const startedAt = performance.now();
    const result = await inTransaction(database.db, (tx) => search(tx, actor, providers, { q, limit: 20 }));
    const ms = performance.now() - startedAt;
    if (result.items.length > 0) found += 1;
    times.get(kind)!.push(ms);
    all.push(ms);
  }
  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const f = (p: number) => percentile(sorted, p).toFixed(1);
    process.stdout.write(
      `${label.padEnd(24)} n=${String(values.length).padStart(4)}  p50 ${f(50)} ms  p95 ${f(95)} ms  p99 ${f(99)} ms  max ${sorted.at(-1)!.toFixed(1)} ms\n`,
    );
  };
  process.stdout.write(`search over ${people.toLocaleString('en-US')} people on the PostgreSQL server (${found}/${searches} searches found someone)\n`);
  for (const kind of kinds) line(kind, times.get(kind)!);
  line('all', all);
  const p99 = percentile(
    [...all].sort((a, b) => a - b),
    99,
  );
  process.stdout.write(`target p99 ≤ 100 ms: ${p99 <= 100 ? 'met' : 'NOT MET'}\n`);
  await database.close();
}

await main();
