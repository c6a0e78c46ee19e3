/** Claims' measure for the strategic plan: the share of LCSAs whose last quarterly claim was submitted in Concord. */
import type { Tx } from '../../platform/db/connect';
import { shareMetric, type ProgressMetric } from '../../platform/progress-metric';
import { listLcsas } from '../registry/index';
import { lastDueQuarterClaimants } from './store';
import type { CalendarDate } from '../../platform/dates';

export async function lcsasClaimingMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  const last = await lastDueQuarterClaimants(tx, asOf);
  const lcsaCount = last ? (await listLcsas(tx)).length : 0;
  return shareMetric(last?.lcsas ?? 0, lcsaCount, {
    key: 'claims.lcsas_claiming_in_system',
    label: 'LCSAs whose last quarterly claim was submitted in Concord',
    asOf,
    what: `LCSAs submitted their ${last?.quarter} claim`,
    emptyNote: 'No quarterly claim has fallen due yet.',
  });
}
