import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('starts with no environment at all: port 3000, embedded data in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.oidc).toBeNull();
  });

  it('names the variable and what is allowed when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty" is not allowed; expected a whole number from 0 to 65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ CONCORD_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONCORD_PII_KEY: 'c2hvcnQ=' })).toThrow(/CONCORD_PII_KEY.*32 random bytes/);
  });

  it('takes a read replica only beside the primary it replicates, and never echoes its password', () => {
    expect(loadConfig({}).databaseReadUrl).toBeNull();
    const both = loadConfig({ DATABASE_URL: 'postgres://a@db:5432/concord', DATABASE_READ_URL: 'postgres://a@standby:5432/concord' });
    expect(both.databaseReadUrl).toBe('postgres://a@standby:5432/concord');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://reader:s3cret@standby/concord' })).toThrow(
      /DATABASE_READ_URL.*DATABASE_URL, which must be set too/,
    );
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://reader:s3cret@standby/concord' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/concord', DATABASE_READ_URL: 'standby:5432' })).toThrow(/DATABASE_READ_URL.*postgres:\/\//);
  });

  it('requires every single-sign-on variable once one is set', () => {
    expect(() => loadConfig({ CONCORD_OIDC_ISSUER: 'http://127.0.0.1:9000' })).toThrow(/CONCORD_OIDC_CLIENT_ID/);
  });

  it('never echoes a rejected key', () => {
    expect(() => loadConfig({ CONCORD_PII_KEY: 'c2VjcmV0LXZhbHVl' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }));
  });

  it('believes forwarded addresses only from the proxies named, checked as addresses or CIDR ranges', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ CONCORD_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/x'])
      expect(() => loadConfig({ CONCORD_TRUSTED_PROXIES: bad })).toThrow('CONCORD_TRUSTED_PROXIES');
  });
});
