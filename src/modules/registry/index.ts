/**
 * Registry: the shared facts every module reads — the 47 LCSAs and 58 counties, the people in cases
 * (obligors, custodial parties, children), cases with their assistance history, and court orders with
 * their terms over time. It also makes deterministic demo data at any scale. Other modules import
 * only from here.
 */
import { demoCaseSteps, type ConcordModule } from '../../platform/module';
import { runDemoSeed } from './demo/seed';
import { demoSeedJob, demoSeedJobKind } from './jobs';
import { loadReferenceData } from './reference';
import { registryRoutes } from './routes';
import { registrySearch } from './search';
import { findCaseOwner, orderIdsOfCase } from './store';
import { assertRowInScope } from '../../platform/auth/scope';

export { checkNewTerm, type TermFacts } from './domain/order-terms';
export { demoSeedJobKind } from './jobs';
export { defaultDemoAsOf, runDemoSeed, type DemoSeedOptions, type DemoChunkExtension } from './demo/seed';
export { stableUuid, type DemoCase } from './demo/generator';
export { getCase, createCase } from './service';
export { addOrder, addOrderTerm } from './orders';
export { bankruptcyStatusOf, recordBankruptcy } from './bankruptcies';
export type { BankruptcyStatus } from './domain/bankruptcy';
export {
  caseNumbers,
  caseIdsByNumberSql,
  findCaseIdByNumber,
  namesakes,
  obligorCaseLcsas,
  obligorsWithSsn,
  openCaseIds,
  personName,
  personNameSql,
  findPersons,
  obligorCaseInLcsa,
  openObligorCases,
  personMatchFacts,
  type PersonRow,
  caseSource,
  countCases,
  caseIdsInShard,
  caseSourcesOf,
  countyNames,
  listLcsas,
  caseCountsByLcsa,
  findCaseOwner,
  findCasesWithParts,
  findCaseWithParts,
  findObligorCases,
  lcsaNames,
  sameIndividual,
  type CaseWithParts,
  parentByIdentity,
  parentCases,
  contactOf,
  updateContact,
  protectIndividual,
  casesWithBothParents,
  parentRolesOn,
  type ParentCase,
  type ParentIdentity,
  type ParentRole,
  type ContactOnFile,
  type ContactChange,
} from './store';

export const registryModule: ConcordModule = {
  name: 'registry',
  tags: [{ name: 'registry', description: 'LCSAs, counties, cases, the people in them, assistance and court orders' }],
  routes: registryRoutes,
  referenceData: async (tx) => void (await loadReferenceData(tx)),
  jobs: ({ context, modules }) => ({ [demoSeedJobKind]: demoSeedJob(context.piiKeys, demoCaseSteps(modules)) }),
  demo: { seed: (run) => runDemoSeed(run.keys, run.cases, run.commitChunk, demoCaseSteps(run.modules)) },
  search: [registrySearch],
  // The case's own rows and its orders'; a case outside the actor's scope is not found.
  caseRecords: async (tx, actor, caseId) => {
    assertRowInScope(actor, await findCaseOwner(tx, caseId), 'case_not_found', `Case ${caseId}`);
    return orderIdsOfCase(tx, caseId);
  },
};
export type { RegistryErrorCode } from './errors';
