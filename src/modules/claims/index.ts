/**
 * Claims: the budget and expenditure claiming application — allocations and the methodology calculator,
 * quarterly claims with federal and state shares and their workflow, the consolidated OCSE-396, the
 * dashboard. Other modules import only from here.
 */
export { claimRoutes } from './routes';
export { seedClaimsDemo } from './demo';
export { lcsasClaimingMetric } from './metrics';
