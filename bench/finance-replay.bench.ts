/**
 * Replay throughput of the finance engine on one core: N synthetic cases × 10 years of monthly charges,
 * a collection most months (some short, some late) and monthly interest. Prints events per second
 * (ledger entries produced: charges, collections, interest postings, futures) and peak heap.
 *
 *   npm run bench -- finance-replay        BENCH_FINANCE_CASES=100000 (default 20,000)
 */
import { addMonthsClamped } from '../src/platform/dates';
import { replayAccount, type CaseHistory } from '../src/modules/finance/index';

const caseCount = Number(process.env.BENCH_FINANCE_CASES ?? 20_000);
const years = 10;

/** A small deterministic generator, so every run replays the same histories. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

function history(index: number): CaseHistory {
  const random = lcg(index + 1);
  const monthlyCents = (150 + Math.floor(random() * 1_350)) * 100;
  const start = '2015-01-01';
  const collections = [];
  for (let m = 0; m < years * 12; m++) {
    const roll = random();
    if (roll < 0.15) continue; // missed month
    const amountCents = roll < 0.35 ? Math.floor(monthlyCents * random()) : monthlyCents;
    const day = 1 + Math.floor(random() * 27);
    collections.push({ id: `c${m}`, receivedOn: addMonthsClamped(start, m, day), amountCents: Math.max(1, amountCents), source: 'wage_withholding' as const });
  }
  return {
    caseId: `case-${index}`,
    orders: [
      {
        id: `o-${index}`,
        issuedOn: start,
        terms: [{ effectiveFrom: start, reason: 'original', frequency: 'monthly', amountCents: monthlyCents, isReserved: false }],
      },
    ],
    collections,
    suspensions: [],
    activeDuty: [],
    // Four in ten families had CalWORKs for the first years of the order.
    assistance:
      random() < 0.4
        ? [{ from: start, to: addMonthsClamped(start, 12 + Math.floor(random() * 48)), monthlyGrantCents: 60_000 + Math.floor(random() * 40_000) }]
        : [],
    childCount: 1 + Math.floor(random() * 3),
    adjustments: [],
  };
}

const asOf = '2024-12-31';
const histories = Array.from({ length: Math.min(caseCount, 2_000) }, (_, i) => history(i));
let events = 0;
let peakHeap = process.memoryUsage().heapUsed;
const startedAt = performance.now();
for (let i = 0; i < caseCount; i++) {
  const result = replayAccount(histories[i % histories.length]!, asOf);
  events += result.ledger.length;
  if (i % 1_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(
  `replayed ${caseCount.toLocaleString()} cases × ${years} years: ${events.toLocaleString()} events in ${seconds.toFixed(1)} s = ` +
    `${Math.round(events / seconds).toLocaleString()} events/s on one core (target 2,000,000); ` +
    `${Math.round(caseCount / seconds).toLocaleString()} cases/s; peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB\n`,
);
