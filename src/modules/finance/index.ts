/**
 * Finance: statewide-consistent financial case management — the pure account engine (charging from
 * order terms, CCP 695.221 crediting, simple interest under a versioned policy, futures, distribution
 * per 42 USC 657, a double-entry ledger replayable as of any date), collections, adjustments, account
 * audits and their queue, and the offline `concord finance audit`. Other modules import only from here.
 */
import { recordIdsOfCase } from './store';
import type { ConcordModule } from '../../platform/module';
import { registerFinanceCommands } from './cli';
import { seedDemoCollections } from './demo';
import { auditsOnTimeMetric } from './metrics';
import { financeRoutes } from './routes';
import { financeSearch } from './search';
import { financeQueues } from './work';
import { nightlyRunJob, nightlyRunJobKind, requestNightlyRun } from './nightly';
import { systemActor } from '../../platform/auth/actor';
import { todayInCalifornia } from '../../platform/dates';

export { replayAccount, type CaseHistory, type ReplayResult, type Balances } from './domain/replay';
export { defaultPolicies, type FinancePolicies } from './domain/policy';
export type { Collection, CollectionSource, FinanceOrder, OrderTerm } from './domain/types';
export { collectionSources } from './domain/types';
export { readCaseHistory } from './interchange';
export { monthlyAudit } from './domain/account-audit';
export { distributeCollection, defaultDistributionPolicies, type DistributionLine, type DistributionPolicy } from './domain/distribution';
export {
  accountOf as balances,
  parentAccountOf,
  statementOf,
  collectedBySource,
  lastPaymentOf,
  pastDueOf as pastDue,
  paymentHistoryOf,
  payoffOf,
  postCollection,
  postObligorCollection,
} from './service';
export type { PaymentMonth, PayoffQuote } from './domain/payoff';
export { federalShareOfIvaCollections } from './ocse34';
export { logAuditRequest, caseAuditRequests } from './audit-queue';
export { sourceLabels } from './contract';

export const financeModule: ConcordModule = {
  name: 'finance',
  tags: [{ name: 'finance', description: 'Accounts, collections, distribution, interest, adjustments and account audits' }],
  routes: financeRoutes,
  commands: registerFinanceCommands,
  jobs: () => ({ [nightlyRunJobKind]: nightlyRunJob }),
  // The nightly run, asked at start and then daily (once per date: a date already run is not run again).
  daily: (tx) => requestNightlyRun(tx, systemActor(), { asOf: todayInCalifornia() }),
  demo: { cases: seedDemoCollections },
  metrics: [{ key: 'finance.audits_within_30_days', compute: auditsOnTimeMetric }],
  search: [financeSearch],
  work: financeQueues,
  caseRecords: (tx, _actor, caseId) => recordIdsOfCase(tx, caseId),
};
export type { FinanceErrorCode } from './errors';
