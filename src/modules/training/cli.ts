/** The training module's CLI: LRS clients for outside systems (an LMS, a conformance suite). */
import type { Command } from 'commander';
import { inTransaction } from '../../platform/db/transaction';
import type { CliTools } from '../../platform/module';
import { createClient } from './xapi/lrs';

export function registerTrainingCommands(program: Command, tools: CliTools): void {
  const lrs = program.command('training').description('Learning management').command('lrs-client').description('Clients of the xAPI LRS at /xapi/');
  lrs
    .command('add')
    .description('Register an LRS client; its key and secret (shown once) are for HTTP Basic on /xapi/')
    .argument('<name>', 'who the client is, e.g. "Blackboard"')
    .option('--json', 'print {"key", "secret"} as JSON (for scripts)')
    .action(async (name: string, options: { json?: boolean }) => {
      const { context } = await tools.open();
      const client = await inTransaction(context.database.db, (tx) => createClient(tx, name));
      await context.database.close();
      tools.say(options.json ? JSON.stringify(client) : `LRS client ${name}: key ${client.key}, secret ${client.secret} (shown once)`);
    });
}
