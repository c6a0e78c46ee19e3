/**
 * Loads the reference data in data/reference/lcsas.json (the 47 LCSAs and the 58 counties they serve)
 * with an upsert, so that every start brings the database in line with the committed file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tx } from '../../platform/db/connect';
import { upsertReference } from './store';

interface ReferenceFile {
  lcsas: { id: string; name: string; isRegional: boolean; counties: { name: string; fips: string; seat: string; populationThousands: number }[] }[];
}

export const referenceFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/reference/lcsas.json');

export function readReferenceData(): ReferenceFile {
  return JSON.parse(fs.readFileSync(referenceFile, 'utf8')) as ReferenceFile;
}

export async function loadReferenceData(tx: Tx): Promise<{ lcsaCount: number; countyCount: number }> {
  const data = readReferenceData();
  const lcsaRows = data.lcsas.map(({ id, name, isRegional }) => ({ id, name, isRegional }));
  const countyRows = data.lcsas.flatMap((l) => l.counties.map((c) => ({ fips: c.fips, name: c.name, lcsaId: l.id })));
  await upsertReference(tx, lcsaRows, countyRows);
  return { lcsaCount: lcsaRows.length, countyCount: countyRows.length };
}
