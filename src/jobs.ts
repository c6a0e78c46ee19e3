/** Every module's background job handlers, by kind, for the worker. */
import { seedDemoCollections } from './modules/finance/index';
import { purgeJob, purgeJobKind } from './modules/intercept/index';
import { demoSeedJob, demoSeedJobKind } from './modules/registry/index';
import type { JobHandler } from './platform/jobs/runner';
import type { PlatformContext } from './platform/http/types';

export function jobHandlers(context: PlatformContext): Map<string, JobHandler> {
  return new Map<string, JobHandler>([
    [demoSeedJobKind, demoSeedJob(context.piiKeys, seedDemoCollections)],
    [purgeJobKind, purgeJob],
  ]);
}
