/** The training module's CLI: LRS clients for outside systems (an LMS, a conformance suite) — add, list, rotate, scope, disable, enable. */
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import type { Tx } from '../../platform/db/connect';
import type { CliTools } from '../../platform/module';
import { changeClient, createClient, listClients, rotateClientSecret } from './xapi/lrs';
import { lrsScopes, type LrsScope } from './contract';

function scopesOf(text: string): LrsScope[] {
  const scopes = text.split(',').map((s) => s.trim());
  const unknown = scopes.filter((s) => !(lrsScopes as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0) throw new InvalidArgumentError(`scopes are a comma-separated list of ${lrsScopes.join(', ')}.`);
  return scopes as LrsScope[];
}

export function registerTrainingCommands(program: Command, tools: CliTools): void {
  const run = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
    const { context } = await tools.open();
    try {
      return await inTransaction(context.database.db, work);
    } finally {
      await context.database.close();
    }
  };
  const lrs = program.command('training').description('Learning management').command('lrs-client').description('Clients of the xAPI LRS at /xapi/');
  lrs
    .command('add')
    .description('Register an LRS client; its key and secret (shown once) are for HTTP Basic on /xapi/')
    .argument('<name>', 'who the client is, e.g. "Blackboard"')
    .option('--scopes <list>', `comma-separated: ${lrsScopes.join(', ')}`, scopesOf, ['all'] as LrsScope[])
    .option('--json', 'print {"key", "secret"} as JSON (for scripts)')
    .action(async (name: string, options: { scopes: LrsScope[]; json?: boolean }) => {
      const client = await run((tx) => createClient(tx, name, { scopes: options.scopes }));
      tools.say(options.json ? JSON.stringify(client) : `LRS client ${name}: key ${client.key}, secret ${client.secret} (shown once)`);
    });
  lrs
    .command('list')
    .description('Every LRS client: key, name, scopes, active or disabled, last use')
    .action(async () => {
      for (const c of await run((tx) => listClients(tx, systemActor())))
        tools.say(`${c.key}  ${c.isActive ? 'active  ' : 'disabled'}  ${c.name}  [${c.scopes.join(', ')}]  last used ${c.lastUsedAt ?? 'never'}`);
    });
  lrs
    .command('rotate')
    .description('A new secret for a client (shown once); the old one is refused from its next request')
    .argument('<key>')
    .action(async (key: string) => {
      const client = await run((tx) => rotateClientSecret(tx, systemActor(), key));
      tools.say(`LRS client ${client.key}: new secret ${client.secret} (shown once)`);
    });
  lrs
    .command('scopes')
    .description('Change what a client may do')
    .argument('<key>')
    .argument('<list>', `comma-separated: ${lrsScopes.join(', ')}`, scopesOf)
    .action(async (key: string, scopes: LrsScope[]) => {
      const client = await run((tx) => changeClient(tx, systemActor(), key, { scopes }));
      tools.say(`LRS client ${client.key}: ${client.scopes.join(', ')}`);
    });
  for (const [name, isActive] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    lrs
      .command(name)
      .description(isActive ? 'Let a disabled client in again' : 'Refuse a client from its next request')
      .argument('<key>')
      .action(async (key: string) => {
        await run((tx) => changeClient(tx, systemActor(), key, { isActive }));
        tools.say(`LRS client ${key} ${isActive ? 'enabled' : 'disabled'}.`);
      });
  }
}
