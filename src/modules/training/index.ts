/**
 * Training: the learning management system — org units and staff, the catalogue, curricula and their
 * assignment rules, learning, reports and the rollout. Other modules import only from here.
 */
export { trainingRoutes } from './routes';
export { loadTrainingReference } from './service';
export { seedTrainingDemo } from './demo';
export { addStaffRecords, completionAmong, coursesByCode, orgUnitNames, staffInUnits, type CourseCompletion } from './directory';
export { coreOnTimeMetric, unitsLaunchedMetric } from './metrics';
