/**
 * A real hot standby of a PostgreSQL server, started on this machine for the replica test and benchmark:
 * `pg_basebackup` of the primary (its write-ahead log streamed, `-R` writing the standby's connection), a
 * second PostgreSQL on a free port over that copy, in hot-standby mode. The primary must allow replication
 * connections from 127.0.0.1 (a `host replication …` line in its pg_hba.conf: .ci/run adds one).
 * PostgreSQL will not run as root: as root, the commands run as the `postgres` user.
 *
 * @example
 *   const standby = await startHotStandby('postgres://postgres@127.0.0.1:5432/postgres');
 *   await standby.caughtUp();
 *   const replicaUrl = standby.urlOf('concord');
 *   await standby.stop();
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface HotStandby {
  port: number;
  /** The standby's URL for one database of the primary (the same name: a standby holds every database). */
  urlOf(database: string): string;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops replaying (the standby answers from where it stood) or starts again. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

async function oneQuery<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program of the primary's major version, as `postgres` when this process is root. */
async function postgresProgram(binDir: string, program: string, args: string[]) {
  const file = path.join(binDir, program);
  const asRoot = process.getuid?.() === 0;
  try {
    return await run(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { timeout: 120_000 });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${program} failed: ${stderr?.trim() || String(error)}`, { cause: error });
  }
}

export async function startHotStandby(primaryUrl: string): Promise<HotStandby> {
  const [version] = await oneQuery<{ major: string }>(primaryUrl, `select current_setting('server_version_num')::int / 10000 as major`);
  const major = version!.major;
  const binDir = `/usr/lib/postgresql/${major}/bin`;
  if (!fs.existsSync(path.join(binDir, 'pg_basebackup'))) throw new Error(`PostgreSQL ${major}'s programs are not in ${binDir}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-standby-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dataDir, Number(stdout.trim()), Number(gid.trim()));
  }
  const primary = new URL(primaryUrl);
  const replicationUrl = `postgres://${primary.username || 'postgres'}@${primary.hostname}:${primary.port || 5432}/postgres`;
  try {
    await postgresProgram(binDir, 'pg_basebackup', [
      '--dbname',
      replicationUrl,
      '--pgdata',
      dataDir,
      '--wal-method',
      'stream',
      '--write-recovery-conf',
      '--checkpoint',
      'fast',
    ]);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `${(error as Error).message}\n(the primary must allow replication from 127.0.0.1: a "host replication all 127.0.0.1/32 trust" line in its pg_hba.conf)`,
      {
        cause: error,
      },
    );
  }
  // A standby refuses to start with fewer of these than its primary has (PostgreSQL's hot-standby rule).
  const matched = await oneQuery<{ name: string; setting: string }>(
    primaryUrl,
    `select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
  );
  const port = await freePort();
  // Debian keeps the server's configuration outside its data folder: the standby gets its own, small.
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dataDir, name), text);
  write(
    'postgresql.conf',
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dataDir}'`,
      'hot_standby = on',
      ...matched.map(({ name, setting }) => `${name} = ${setting}`),
      'shared_buffers = 32MB',
      "include_if_exists = 'postgresql.auto.conf'",
      '',
    ].join('\n'),
  );
  write('pg_hba.conf', `local all all trust\nhost all all 127.0.0.1/32 trust\n`);
  write('pg_ident.conf', '');
  for (const name of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf']) fs.chmodSync(path.join(dataDir, name), 0o644);
  if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', dataDir]);
  const log = path.join(dataDir, 'server.log');
  try {
    await postgresProgram(binDir, 'pg_ctl', ['--pgdata', dataDir, '--log', log, '--wait', '--timeout', '60', 'start']);
  } catch (error) {
    const said = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-8).join('\n') : '';
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${said}`, { cause: error });
  }

  const standbyUrl = (database: string) => `postgres://${primary.username || 'postgres'}@127.0.0.1:${port}/${database}`;
  const standby: HotStandby = {
    port,
    urlOf: standbyUrl,
    async caughtUp(timeoutMs = 30_000) {
      const [head] = await oneQuery<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
      const lsn = head!.lsn;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [state] = await oneQuery<{ replayed: boolean | null }>(standbyUrl('postgres'), 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed', [
          lsn,
        ]);
        if (state?.replayed) return;
        if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    pauseReplay: async () => void (await oneQuery(standbyUrl('postgres'), 'select pg_wal_replay_pause()')),
    resumeReplay: async () => void (await oneQuery(standbyUrl('postgres'), 'select pg_wal_replay_resume()')),
    async stop() {
      await postgresProgram(binDir, 'pg_ctl', ['--pgdata', dataDir, '--mode', 'immediate', 'stop']).catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return standby;
}
