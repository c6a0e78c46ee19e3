import { describe, expect, it } from 'vitest';
import { idsFormat, isSameStatement, relations, validateStatement, type Json } from './statement';

const base = { actor: { mbox: 'mailto:a@example.com' }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: 'http://example.com/q1' } };
const withDefinition = (definition: Json) => ({ ...base, object: { id: 'http://example.com/q1', definition } });
const pathOf = (input: Json) => {
  try {
    validateStatement(input);
    return null;
  } catch (error) {
    return (error as { path: string }).path;
  }
};

describe('statement validation (xAPI Data)', () => {
  it('accepts a minimal statement and normalises single context activities to arrays', () => {
    const out = validateStatement({ ...base, context: { contextActivities: { parent: { id: 'http://example.com/course' } } } });
    expect((out.context as { contextActivities: { parent: unknown } }).contextActivities.parent).toEqual([{ id: 'http://example.com/course' }]);
  });

  it('accepts an empty definition; rejects components without an interaction type, duplicate component ids, and bad patterns', () => {
    // Every property of a definition is optional (Data 2.4.4.1.s2): an empty one is allowed.
    expect(pathOf(withDefinition({}))).toBeNull();
    expect(pathOf(withDefinition({ choices: [{ id: 'a' }] }))).toBe('statement.object.definition.interactionType');
    expect(pathOf(withDefinition({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }))).toBe('statement.object.definition.choices[1].id');
    expect(pathOf(withDefinition({ interactionType: 'choice', correctResponsesPattern: [1] }))).toBe('statement.object.definition.correctResponsesPattern');
    expect(
      pathOf(withDefinition({ interactionType: 'choice', choices: [{ id: 'a', description: { 'en-US': 'A' } }], correctResponsesPattern: ['a'] })),
    ).toBeNull();
  });

  it('rejects nulls, unknown properties, two identifiers, a bad mbox and revision without an activity object', () => {
    expect(pathOf({ ...base, result: null })).toBe('statement.result');
    expect(pathOf({ ...base, actor: { mbox: 'a@example.com' } })).toBe('statement.actor.mbox');
    expect(pathOf({ ...base, object: { objectType: 'Agent', mbox: 'mailto:b@example.com' }, context: { revision: '2' } })).toBe('statement.context.revision');
    expect(pathOf({ ...base, timestamp: '2026-11-24' })).toBe('statement.timestamp');
    expect(pathOf({ ...base, result: { duration: 'PT1H30M' } })).toBeNull();
    expect(pathOf({ ...base, result: { duration: '90 minutes' } })).toBe('statement.result.duration');
  });

  it('refuses an unknown offset, weeks beside days, a Group authority that is not two anonymous Agents, and a bad attachment description', () => {
    expect(pathOf({ ...base, timestamp: '2008-09-15T15:53:00.601-00:00' })).toBe('statement.timestamp');
    expect(pathOf({ ...base, timestamp: '2008-09-15T15:53:00.601-0000' })).toBe('statement.timestamp');
    expect(pathOf({ ...base, timestamp: '2008-09-15T15:53:00.601+00:00' })).toBeNull();
    expect(pathOf({ ...base, result: { duration: 'P4W1D' } })).toBe('statement.result.duration');
    expect(pathOf({ ...base, result: { duration: 'P4W' } })).toBeNull();
    const member = [{ mbox: 'mailto:consumer@example.com' }, { mbox: 'mailto:user@example.com' }];
    expect(pathOf({ ...base, authority: { objectType: 'Group', member } })).toBeNull();
    expect(pathOf({ ...base, authority: { objectType: 'Group', mbox: 'mailto:g@example.com', member } })).toBe('statement.authority');
    expect(pathOf({ ...base, authority: { objectType: 'Group', member: [...member, { mbox: 'mailto:third@example.com' }] } })).toBe(
      'statement.authority.member',
    );
    const attachment = {
      usageType: 'http://example.com/u',
      display: { 'en-US': 'A' },
      contentType: 'text/plain',
      length: 1,
      sha2: 'ab',
      fileUrl: 'http://example.com/f',
    };
    expect(pathOf({ ...base, attachments: [{ ...attachment, description: { 'en-US': 'A', 'es-MX': 'Un' } }] })).toBeNull();
    expect(pathOf({ ...base, attachments: [{ ...attachment, description: { something: 'x' } }] })).toBe('statement.attachments[0].description.something');
    expect(pathOf({ ...base, attachments: [{ ...attachment, description: 'x' }] })).toBe('statement.attachments[0].description');
  });

  it('gives a sub-statement’s single context activities as arrays too', () => {
    const out = validateStatement({
      ...base,
      object: { objectType: 'SubStatement', ...base, context: { contextActivities: { parent: { id: 'http://example.com/course' } } } },
    });
    expect(((out.object as { context: { contextActivities: { parent: unknown } } }).context.contextActivities.parent as unknown[]).length).toBe(1);
  });

  it('relates a statement to its agents and activities, and compares statements apart from what the LRS sets', () => {
    const statement = validateStatement({
      ...base,
      context: { instructor: { mbox: 'mailto:t@example.com' }, contextActivities: { grouping: [{ id: 'http://example.com/g' }] } },
    });
    const rel = relations(statement);
    expect(rel.ownAgents).toEqual(['mbox:mailto:a@example.com']);
    expect(rel.relatedAgents).toContain('mbox:mailto:t@example.com');
    expect(rel.relatedActivities).toEqual(['http://example.com/q1', 'http://example.com/g']);
    expect(
      isSameStatement({ ...statement, stored: 'x', timestamp: '2026-01-01T00:00:00Z' }, { ...statement, timestamp: '2026-01-01T00:00:00.000+00:00' }),
    ).toBe(true);
    expect(isSameStatement(statement, { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } })).toBe(false);
    expect(idsFormat({ ...statement, actor: { name: 'A', mbox: 'mailto:a@example.com' } }).actor).toEqual({
      objectType: 'Agent',
      mbox: 'mailto:a@example.com',
    });
  });
});
