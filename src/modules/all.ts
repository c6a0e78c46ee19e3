/**
 * Every module, in the order Concord sets them up: reference data, demo data and routes go in this
 * order, so a module comes after the modules it reads (the registry first, the strategic plan, which
 * measures all the others, last). Adding a module is one folder and one line here.
 */
import type { ConcordModule } from '../platform/module';
import { claimsModule } from './claims/index';
import { financeModule } from './finance/index';
import { interceptModule } from './intercept/index';
import { liensModule } from './liens/index';
import { planModule } from './plan/index';
import { portalModule } from './portal/index';
import { registryModule } from './registry/index';
import { trainingModule } from './training/index';
import { traumaModule } from './trauma/index';

export const modules: readonly ConcordModule[] = [
  registryModule,
  financeModule,
  interceptModule,
  liensModule,
  claimsModule,
  trainingModule,
  traumaModule,
  portalModule,
  planModule,
];
