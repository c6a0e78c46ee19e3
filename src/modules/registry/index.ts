/**
 * Registry: the shared facts every module reads — the 47 LCSAs and 58 counties, the people in cases
 * (obligors, custodial parties, children), cases with their assistance history, and court orders with
 * their terms over time. It also makes deterministic demo data at any scale. Other modules import
 * only from here.
 */
export { loadReferenceData } from './reference';
export { checkNewTerm, type TermFacts } from './domain/order-terms';
export { registryRoutes } from './routes';
export { demoSeedJob, demoSeedJobKind } from './jobs';
export { defaultDemoAsOf, runDemoSeed, type DemoSeedOptions, type DemoChunkExtension } from './demo/seed';
export { stableUuid, type DemoCase } from './demo/generator';
export { listCases, getCase, createCase } from './service';
export { addOrder, addOrderTerm } from './orders';
export { findCaseOwner, findCasesWithParts, findCaseWithParts, findObligorCases, lcsaNames, sameIndividual, type CaseWithParts } from './store';
export { cases, lcsas, counties, persons } from './schema';
