/**
 * Recording documents: N abstracts of support judgment (default 10,000) rendered as recorder packages of
 * 500 documents, as `GET /api/liens/package.pdf` renders them. Prints documents per second on one core
 * and peak memory. Target: ≥ 200 documents/s.
 *
 *   npm run bench -- liens-documents      BENCH_DOCUMENTS=10000
 */
import { renderRecordingPackage, type RecordingDocument } from '../src/modules/liens/index';

const total = Number(process.env.BENCH_DOCUMENTS ?? 10_000);
const packageSize = 500;
const docs: RecordingDocument[] = Array.from({ length: total }, (_, i) => ({
  lienId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  caseNumber: `D001-${String(i).padStart(8, '0')}`,
  lcsaName: 'Los Angeles County Child Support Services',
  countyName: 'Los Angeles',
  debtorName: `Debtor ${i} Example`,
  debtorDateOfBirth: '1980-01-01',
  ssnLast4: String(1_000 + (i % 9_000)),
  debtorAddress: `${i % 9_999} Main St, Los Angeles, CA, 90012`,
  hasFamilyViolenceFlag: i % 50 === 0,
  courtOrderNumber: `FO-${i}`,
  courtCountyName: 'Los Angeles',
  orderIssuedOn: '2024-01-01',
  monthlyAmountCents: 25_000 + (i % 100) * 100,
  instrument: i % 10 === 0 ? ('certified_order' as const) : ('abstract_of_support_judgment' as const),
  pastDueCents: i % 10 === 0 ? 250_000 : 0,
}));
let peak = process.memoryUsage().rss;
let bytes = 0;
const startedAt = performance.now();
for (let i = 0; i < total; i += packageSize) {
  const pdf = await renderRecordingPackage('Los Angeles', docs.slice(i, i + packageSize), new Date());
  bytes += pdf.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(
  `${total.toLocaleString()} recording documents in ${Math.ceil(total / packageSize)} packages in ${seconds.toFixed(1)} s = ` +
    `${Math.round(total / seconds).toLocaleString()} documents/s (target ≥ 200); ${(bytes / 2 ** 20).toFixed(1)} MiB of PDF; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB\n`,
);
