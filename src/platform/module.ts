/**
 * What a module contributes to Concord, in one place: its routes, background jobs, CLI commands,
 * reference data, demo data, progress metrics for the strategic plan and OpenAPI tags. Each module's
 * index.ts exports one `ConcordModule`; `src/modules/all.ts` lists them in order, and the app, the
 * server, the CLI, the job worker, database set-up and the plan's metric refresh loop over that list.
 * Adding a module is one folder and one line in all.ts.
 *
 * @example
 *   export const liensModule: ConcordModule = {
 *     name: 'liens',
 *     tags: [{ name: 'liens', description: 'Real property liens' }],
 *     routes: lienRoutes,
 *     metrics: [{ key: 'liens.releases_on_time', compute: releasesOnTimeMetric }],
 *     demo: { seed: (run) => run.inTransaction((tx) => seedLiensDemo(tx, run.keys, run.today)) },
 *   };
 */
import type { CaseRecords } from './audit/activity';
import type { Command } from 'commander';
import type { Tx } from './db/connect';
import type { ConcordApp, PlatformContext } from './http/types';
import type { JobHandler, JobProgress } from './jobs/runner';
import type { PiiKeys } from './pii/keys';
import type { ProgressMetric } from './progress-metric';
import type { CalendarDate } from './dates';
import type { SearchProvider } from './search/search';
import type { WorkQueue } from './work/work';

/** A progress measure a strategic-plan tactic can be bound to. */
export interface ModuleMetric {
  /** `module.what`, e.g. `liens.releases_on_time`. */
  key: string;
  compute(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric>;
}

/** Everything a module's contributions may reach at run time: the process's context and every module. */
export interface ModuleHost {
  context: PlatformContext;
  modules: readonly ConcordModule[];
}

/** A long task's progress, for a CLI progress bar or nothing. */
export interface ProgressReporter {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** What the CLI offers the commands a module adds. */
export interface CliTools {
  /** Opens the configured database, brought up to date, with the keys and every module (close it when done). */
  open(): Promise<ModuleHost>;
  progress(label: string): ProgressReporter;
  say(line: string): void;
}

/** The demo cases being seeded: how many, from which seed, as of which date. */
export interface DemoCaseOptions {
  cases: number;
  seed: number;
  asOf: CalendarDate;
  startIndex?: number;
  chunkSize?: number;
}

/** One demo seeding run (`npm start` on an empty database, or `concord demo seed`). */
export interface DemoRun {
  keys: PiiKeys;
  /** The demo's "today" for data that is not tied to the cases' as-of date. */
  today: CalendarDate;
  cases: DemoCaseOptions;
  /** Runs work in a transaction of its own. */
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Commits one chunk of cases (and reports its progress where the caller wants it). */
  commitChunk(work: (tx: Tx) => Promise<JobProgress>): Promise<void>;
  modules: readonly ConcordModule[];
}

/**
 * A module's demo data for a chunk of demo cases, written in the chunk's transaction. Declared as a
 * method so that a module may name the registry's own case type for `cases` (method parameters are
 * compared both ways); the registry hands it the generated cases.
 */
export interface DemoCaseStep {
  seedCases(tx: Tx, cases: readonly object[], options: DemoCaseOptions): Promise<void>;
}

export interface ConcordModule {
  /** The folder name under src/modules, which is also the first part of its metric keys and job kinds. */
  name: string;
  /** OpenAPI tags its routes use, with their descriptions. */
  tags?: readonly { name: string; description: string }[];
  routes?(app: ConcordApp, host: ModuleHost): Promise<void>;
  /** Background job handlers by kind. */
  jobs?(host: ModuleHost): Record<string, JobHandler>;
  /** Work asked of the worker at start and then daily (e.g. the plan's metric refresh). */
  daily?(tx: Tx): Promise<unknown>;
  /** Adds the module's commands to the `concord` CLI. */
  commands?(program: Command, tools: CliTools): void;
  /** Reference data loaded on every start, after the migrations (idempotent). */
  referenceData?(tx: Tx): Promise<void>;
  demo?: {
    /** Written with each chunk of demo cases. */
    cases?: DemoCaseStep;
    /** Run once after the demo cases, in module order. */
    seed?(run: DemoRun): Promise<void>;
  };
  metrics?: readonly ModuleMetric[];
  /** Its records in the one search box (cases, people, receipts, claims…), each within the actor's scope. */
  search?: readonly SearchProvider[];
  /** Its queues on each person's home page (what waits and by when), each counted within the actor's scope. */
  work?: readonly WorkQueue[];
  /** Its records that belong to a case: what was done to them joins the case's activity timeline (audit/activity.ts). */
  caseRecords?: CaseRecords;
}

/** Every module's step for each chunk of demo cases, in module order. */
export function demoCaseSteps(modules: readonly ConcordModule[]): DemoCaseStep[] {
  return modules.flatMap((m) => (m.demo?.cases ? [m.demo.cases] : []));
}

/** A metric with the module that offers it. */
export interface CatalogueMetric extends ModuleMetric {
  module: string;
}

/** Every metric the modules offer, in module order. */
export function moduleMetrics(modules: readonly ConcordModule[]): CatalogueMetric[] {
  return modules.flatMap((m) => (m.metrics ?? []).map((metric) => ({ ...metric, module: m.name })));
}
