/**
 * Demo data for every module, in module order: the demo accounts, then each module's seed step (the
 * registry's cases in committed chunks, with every module's data for each chunk, then the rest).
 * `npm start` runs it on an empty database, `concord demo seed` on demand; both are repeatable.
 */
import { ensureDemoAccounts } from './demo-accounts';
import { todayInCalifornia } from './platform/dates';
import { inTransaction } from './platform/db/transaction';
import type { PlatformContext } from './platform/http/types';
import type { ConcordModule, DemoCaseOptions, DemoRun } from './platform/module';

export async function seedDemo(
  context: PlatformContext,
  modules: readonly ConcordModule[],
  cases: DemoCaseOptions,
  onCases: (done: number) => void = () => {},
): Promise<void> {
  const { db } = context.database;
  await inTransaction(db, ensureDemoAccounts);
  const run: DemoRun = {
    keys: context.piiKeys,
    today: todayInCalifornia(),
    cases,
    modules,
    inTransaction: (work) => inTransaction(db, work),
    commitChunk: async (work) => onCases((await inTransaction(db, work)).done),
  };
  for (const module of modules) await module.demo?.seed?.(run);
}
