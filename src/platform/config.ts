/**
 * Concord's configuration: environment variables → one typed, validated object, read once at start.
 * A wrong value throws a ConfigError naming the variable and what is allowed, and start-up stops.
 *
 * @example
 *   const config = loadConfig(process.env);
 *   config.port; // 3000 unless PORT says otherwise
 */
import net from 'node:net';
import path from 'node:path';

export interface Config {
  /** TCP port for the HTTP server. */
  port: number;
  host: string;
  /** Folder of the embedded database and the generated key file. */
  dataDir: string;
  /** A PostgreSQL server instead of embedded PGlite, when set. */
  databaseUrl: string | null;
  /**
   * A hot standby of DATABASE_URL (DATABASE_READ_URL): reports, dashboards and exports read from it, except
   * for a person whose own write it has not yet replayed (platform/db/replica.ts). Only with DATABASE_URL.
   */
  databaseReadUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Base64 of 32 random bytes; when null the key file in dataDir is used (created on first start). */
  piiKeyBase64: string | null;
  /** Demo cases seeded when the database is empty on `npm start`; 0 turns seeding off. */
  demoCases: number;
  /** Sets the Secure attribute on cookies; on by default in production. */
  isSecureCookies: boolean;
  sessionTtlMinutes: number;
  signInMaxFailures: number;
  signInLockoutMinutes: number;
  /**
   * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (CONCORD_TRUSTED_PROXIES,
   * comma-separated). Empty by default: then the client's own address counts, and a forged header cannot
   * dodge the sign-in rate limit.
   */
  trustedProxies: string[];
  /** Where the audit chain's checkpoints are appended (default: audit-checkpoints.jsonl in dataDir). */
  auditCheckpointFile: string;
  /** Minutes between checkpoints of the audit chain's head; 0 turns them off. */
  auditCheckpointMinutes: number;
  /** Background job worker polling interval; 0 turns the in-process worker off. */
  jobPollMs: number;
  oidc: { issuerUrl: string; clientId: string; clientSecret: string; redirectUrl: string } | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly allowed: string,
    value: string,
  ) {
    super(`Configuration: ${variable}=${JSON.stringify(value)} is not allowed; expected ${allowed}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  return oneOf(env, name, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true';
}

function postgresUrl(env: Env, name: 'DATABASE_URL' | 'DATABASE_READ_URL'): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError(name, 'a postgres:// or postgresql:// URL', raw);
  return raw;
}

/** A replica serves only beside the primary it replicates. */
function databaseReadUrl(env: Env): string | null {
  const url = postgresUrl(env, 'DATABASE_READ_URL');
  if (url && !postgresUrl(env, 'DATABASE_URL')) {
    throw new ConfigError('DATABASE_READ_URL', 'a replica of the server in DATABASE_URL, which must be set too', url.replace(/\/\/[^@/]*@/, '//<redacted>@'));
  }
  return url;
}

function piiKey(env: Env): string | null {
  const raw = env.CONCORD_PII_KEY;
  if (raw === undefined || raw === '') return null;
  if (Buffer.from(raw, 'base64').length !== 32) {
    throw new ConfigError('CONCORD_PII_KEY', 'base64 of exactly 32 random bytes (openssl rand -base64 32)', '<redacted>');
  }
  return raw;
}

function oidc(env: Env): Config['oidc'] {
  const names = ['CONCORD_OIDC_ISSUER', 'CONCORD_OIDC_CLIENT_ID', 'CONCORD_OIDC_CLIENT_SECRET', 'CONCORD_OIDC_REDIRECT_URL'];
  const values = names.map((n) => env[n] ?? '');
  if (values.every((v) => v === '')) return null;
  const missing = names.find((_, i) => values[i] === '');
  if (missing) throw new ConfigError(missing, `a value whenever any of ${names.join(', ')} is set`, '');
  const [issuerUrl, clientId, clientSecret, redirectUrl] = values as [string, string, string, string];
  return { issuerUrl, clientId, clientSecret, redirectUrl };
}

/** Reads and validates the configuration; throws ConfigError on the first wrong variable. */
function trustedProxies(env: Env): string[] {
  const raw = env.CONCORD_TRUSTED_PROXIES ?? '';
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = net.isIP(address);
    const isPrefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !isPrefixValid)
      throw new ConfigError('CONCORD_TRUSTED_PROXIES', 'comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.5,10.1.0.0/16', raw);
  }
  return entries;
}

export function loadConfig(env: Env = process.env): Config {
  const isProduction = env.NODE_ENV === 'production';
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    dataDir: path.resolve(env.CONCORD_DATA_DIR && env.CONCORD_DATA_DIR !== '' ? env.CONCORD_DATA_DIR : 'data'),
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    databaseReadUrl: databaseReadUrl(env),
    logLevel: oneOf(env, 'CONCORD_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    piiKeyBase64: piiKey(env),
    demoCases: integer(env, 'CONCORD_DEMO_CASES', 2_000, 0, 5_000_000),
    isSecureCookies: flag(env, 'CONCORD_SECURE_COOKIES', isProduction),
    sessionTtlMinutes: integer(env, 'CONCORD_SESSION_TTL_MINUTES', 480, 5, 10_080),
    signInMaxFailures: integer(env, 'CONCORD_SIGNIN_MAX_FAILURES', 5, 1, 100),
    signInLockoutMinutes: integer(env, 'CONCORD_SIGNIN_LOCKOUT_MINUTES', 15, 1, 1_440),
    trustedProxies: trustedProxies(env),
    auditCheckpointFile: path.resolve(
      env.CONCORD_AUDIT_CHECKPOINT_FILE ||
        path.join(env.CONCORD_DATA_DIR && env.CONCORD_DATA_DIR !== '' ? env.CONCORD_DATA_DIR : 'data', 'audit-checkpoints.jsonl'),
    ),
    auditCheckpointMinutes: integer(env, 'CONCORD_AUDIT_CHECKPOINT_MINUTES', 5, 0, 1_440),
    jobPollMs: integer(env, 'CONCORD_JOB_POLL_MS', 500, 0, 60_000),
    oidc: oidc(env),
  };
}
