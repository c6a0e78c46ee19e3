import { describe, expect, it } from 'vitest';
import { readsOnlyOwn, scopeAllows } from './scopes';

describe('LRS client scopes', () => {
  it('let each scope do what its name says, and nothing else', () => {
    expect(scopeAllows(['all'], 'DELETE', '/xapi/activities/state')).toBe(true);
    expect(scopeAllows(['statements/write'], 'POST', '/xapi/statements')).toBe(true);
    expect(scopeAllows(['statements/write'], 'GET', '/xapi/statements?verb=x')).toBe(false);
    expect(scopeAllows(['statements/read/mine'], 'GET', '/xapi/statements')).toBe(true);
    expect(scopeAllows(['statements/read'], 'PUT', '/xapi/statements')).toBe(false);
    expect(scopeAllows(['statements/write'], 'PUT', '/xapi/activities/state')).toBe(false);
    expect(scopeAllows(['state'], 'PUT', '/xapi/activities/state')).toBe(true);
    expect(scopeAllows(['state'], 'PUT', '/xapi/activities/profile')).toBe(false);
    expect(scopeAllows(['profile'], 'POST', '/xapi/agents/profile')).toBe(true);
    expect(scopeAllows(['all/read'], 'POST', '/xapi/agents/profile')).toBe(false);
    expect(scopeAllows(['all/read'], 'GET', '/xapi/agents')).toBe(true);
    expect(scopeAllows(['statements/read'], 'GET', '/xapi/agents')).toBe(false);
    expect(scopeAllows([], 'GET', '/xapi/about')).toBe(true);
    expect(scopeAllows(['statements/write'], 'GET', '/xapi/somewhere-else')).toBe(false);
    expect(readsOnlyOwn(['statements/read/mine', 'statements/write'])).toBe(true);
    expect(readsOnlyOwn(['statements/read'])).toBe(false);
  });
});
