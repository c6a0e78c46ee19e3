/**
 * Registry: the shared facts every module reads — the 47 LCSAs and 58 counties, the people in cases
 * (obligors, custodial parties, children), cases with their assistance history, and court orders with
 * their terms over time. Other modules import only from here.
 */
export { loadReferenceData } from './reference';
