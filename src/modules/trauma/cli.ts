/** `concord trauma load-instrument FILE`: loads a licensed assessment instrument as configuration; problems name file and JSON path. */
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import type { CliTools } from '../../platform/module';
import { loadInstrument, readInstrument } from './instruments';

export function registerTraumaCommands(program: Command, tools: CliTools): void {
  program
    .command('trauma')
    .description('Trauma-informed organisation')
    .command('load-instrument')
    .description('Load an assessment instrument (a licensed one, in the documented JSON format); problems name file and path')
    .argument('<file>', 'the instrument JSON (see src/modules/trauma/contract.ts, InstrumentSchema)')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new InvalidArgumentError(`${file}: no such file.`);
      const instrument = readInstrument(fs.readFileSync(file, 'utf8'), file);
      const { context } = await tools.open();
      const loaded = await inTransaction(context.database.db, (tx) => loadInstrument(tx, systemActor(), instrument));
      await context.database.close();
      tools.say(`Loaded ${loaded.code} version ${loaded.version}: ${loaded.items} items.`);
    });
}
