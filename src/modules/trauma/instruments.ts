/** Assessment instruments: Concord's own (shipped with the reference data) and licensed ones loaded as configuration. */
import { recordAudit } from '../../platform/audit/audit';
import { type Actor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { readJsonDocument } from '../../platform/schema-problems';
import { InstrumentSchema, type Instrument, type InstrumentSummary } from './contract';
import { concordInstrument } from './domain/concord-instrument';
import { familiesInstrument } from './domain/families-instrument';
import { instrumentProblems } from './domain/instrument';
import { allInstruments, insertInstrument, instrumentDefinition, type InstrumentRow } from './store';

/** Concord's own instruments (staff self-assessment, families' experience), loaded with the reference data (idempotent). */
export async function loadShippedInstrument(tx: Tx): Promise<void> {
  for (const instrument of [concordInstrument, familiesInstrument]) await insertInstrument(tx, instrument, { isShipped: true, loadedBy: null });
}

function instrumentSummary(r: InstrumentRow): InstrumentSummary {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    title: r.definition.title.en,
    source: r.definition.source,
    items: r.definition.items.length,
    isShipped: r.isShipped,
    audience: r.definition.audience ?? 'staff',
  };
}

export async function listInstruments(tx: Tx, actor: Actor): Promise<InstrumentSummary[]> {
  authorize(actor, 'trauma.read');
  const rows = await allInstruments(tx);
  return rows.map(instrumentSummary);
}

/** Reads an instrument document (a licensed instrument's configuration); every problem names file and path. */
export function readInstrument(text: string, source: string): Instrument {
  return readJsonDocument<Instrument>(text, source, InstrumentSchema, { notJson: 'instrument_not_json', invalid: 'instrument_is_invalid' }, instrumentProblems);
}

export async function loadInstrument(tx: Tx, actor: Actor, instrument: Instrument): Promise<InstrumentSummary> {
  authorize(actor, 'trauma.manage');
  const problems = instrumentProblems(instrument);
  if (problems.length > 0) throw new AppError('validation', 'instrument_is_invalid', `The instrument has ${problems.length} problem(s).`, problems);
  const row = await insertInstrument(tx, instrument, { isShipped: false, loadedBy: actor.userId });
  if (!row)
    throw new AppError('conflict', 'instrument_version_exists', `${instrument.code} version ${instrument.version} is loaded already; load a new version.`, [
      { path: '/version', message: 'a new version number' },
    ]);
  await recordAudit(tx, actor, {
    action: 'trauma.instrument.load',
    entityType: 'trauma_instrument',
    entityId: row.id,
    after: { code: row.code, version: row.version },
  });
  return instrumentSummary(row);
}

export async function instrumentOf(tx: Tx, id: string): Promise<Instrument> {
  const definition = await instrumentDefinition(tx, id);
  if (!definition)
    throw new AppError('not_found', 'instrument_not_found', `Instrument ${id} was not found.`, [{ path: '/instrumentId', message: 'a loaded instrument' }]);
  return definition;
}
