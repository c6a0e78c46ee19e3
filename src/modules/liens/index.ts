/**
 * Liens: consistent recording of real property liens for support, and (next) payoffs and one release
 * for all of an obligor's liens. Today: lien records with their history, record tasks under the
 * versioned policy, the recording queue and recorder answers, the statewide index. Other modules import
 * only from here.
 */
export { lienRoutes } from './routes';
export { generateRecordTasks, statewideIndex } from './service';
export { defaultLienPolicies, recordTasks } from './domain/policy';
export { seedLiensDemo } from './demo';
