/**
 * Finance: statewide-consistent financial case management. Today it offers the pure account engine —
 * charging from order terms, CCP 695.221 crediting, simple interest under a versioned policy, futures,
 * and a double-entry ledger replayable as of any date. distribution (42 USC 657) as a pure function; adjustments, storage,
 * the API and the web pages come next (issue 3). Other modules import only from here.
 */
export { replayAccount, type CaseHistory, type ReplayResult, type Balances } from './domain/replay';
export { defaultPolicies, type FinancePolicies } from './domain/policy';
export type { Collection, CollectionSource, FinanceOrder, OrderTerm } from './domain/types';
export { registerFinanceCommands } from './cli';
export { readCaseHistory } from './interchange';
export { monthlyAudit } from './domain/account-audit';
export { distributeCollection, defaultDistributionPolicies, type DistributionLine, type DistributionPolicy } from './domain/distribution';
export { financeRoutes } from './routes';
export { accountOf as balances, collectedBySource, pastDueOf as pastDue, paymentHistoryOf, payoffOf, postCollection, postObligorCollection } from './service';
export type { PaymentMonth, PayoffQuote } from './domain/payoff';
export { seedDemoCollections } from './demo';
export { auditsOnTimeMetric } from './metrics';
