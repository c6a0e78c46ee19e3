/**
 * Claims: the budget and expenditure claiming application — allocations and the methodology calculator,
 * quarterly claims with federal and state shares and their workflow, the consolidated OCSE-396, the
 * dashboard. Other modules import only from here.
 */
import type { ConcordModule } from '../../platform/module';
import { seedClaimsDemo } from './demo';
import { lcsasClaimingMetric } from './metrics';
import { claimRoutes } from './routes';
import { claimQueues } from './work';

export const claimsModule: ConcordModule = {
  name: 'claims',
  tags: [{ name: 'claims', description: 'LCSA budgets, quarterly expenditure claims, review, and the consolidated OCSE-396' }],
  routes: claimRoutes,
  demo: { seed: (run) => run.inTransaction((tx) => seedClaimsDemo(tx, run.today)) },
  work: claimQueues,
  metrics: [{ key: 'claims.lcsas_claiming_in_system', compute: lcsasClaimingMetric }],
};
export type { ClaimsErrorCode } from './errors';
