/**
 * The parents' portal: a paying or receiving parent opens their own account, reads their cases in plain
 * language (the same figures staff see), and asks once for what they need; staff answer in their queue.
 * Other modules import only from here.
 */
import type { ConcordModule } from '../../platform/module';
import { seedPortalDemo } from './demo';
import { portalRoutes } from './routes';
import { portalQueues } from './staff';

export const portalModule: ConcordModule = {
  name: 'portal',
  tags: [{ name: 'portal', description: "The parents' portal: sign-up, my case, requests; and staff's side of parents' requests" }],
  routes: portalRoutes,
  demo: { seed: (run) => run.inTransaction((tx) => seedPortalDemo(tx, run.keys, run.today)) },
  work: portalQueues,
};
export { requestKinds, requestStatuses } from './contract';
export type { PortalErrorCode } from './errors';
