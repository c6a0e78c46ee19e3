/**
 * The registry's search provider: cases and court orders by number, people by name or by the SSN's last
 * four with the date of birth, within the actor's LCSA (statewide roles: everywhere). SSNs masked.
 */
import { sql } from 'drizzle-orm';
import { recordScope } from '../../platform/auth/scope';
import { maskSsn } from '../../platform/pii/ssn';
import type { SearchHit } from '../../platform/search/contract';
import type { SearchProvider } from '../../platform/search/search';
import { casesByNumber, nameSimilarityThresholds, ordersByNumber, personsByLast4, personsByName, type FoundPerson } from './store';

const roleWords: Record<string, string> = { obligor: 'Obligor', custodial_party: 'Custodial party', child: 'Child' };

function personHit(p: FoundPerson): SearchHit {
  const facts = [
    p.role ? `${roleWords[p.role] ?? p.role} in case ${p.case_number}` : 'In no case',
    p.date_of_birth ? `born ${p.date_of_birth}` : null,
    p.ssn_last4 ? `SSN ${maskSsn(p.ssn_last4)}` : null,
  ];
  return {
    kind: 'person',
    id: p.id,
    title: `${p.last_name}, ${p.first_name}`,
    detail: facts.filter(Boolean).join(' · '),
    // The person's own page (their cases in scope); one in no case in scope has none to open.
    href: p.case_id ? `/people/${p.id}` : '/cases',
    lcsaId: p.lcsa_id,
    score: Math.round(Number(p.score) * 100) / 100,
  };
}

export const registrySearch: SearchProvider = {
  permission: 'registry.read',
  isPersonal: true,
  async find(tx, actor, ask) {
    const hits: SearchHit[] = [];
    if (ask.identifier) {
      for (const c of await casesByNumber(tx, ask.identifier, recordScope(actor, { lcsa: sql`c.lcsa_id` }), ask.limit)) {
        const exact = c.case_number.toUpperCase() === ask.identifier;
        hits.push({
          kind: 'case',
          id: c.id,
          title: `Case ${c.case_number}`,
          detail: [c.status === 'open' ? 'Open' : 'Closed', c.obligor ? `obligor ${c.obligor}` : null].filter(Boolean).join(' · '),
          href: `/cases/${c.id}`,
          lcsaId: c.lcsa_id,
          score: exact ? 1 : 0.9,
        });
      }
      for (const o of await ordersByNumber(tx, ask.identifier, recordScope(actor, { lcsa: sql`o.lcsa_id` }), ask.limit)) {
        hits.push({
          kind: 'order',
          id: o.id,
          title: `Order ${o.court_order_number}`,
          detail: `${o.order_type.replaceAll('_', ' ')} order · case ${o.case_number}`,
          href: `/cases/${o.case_id}/orders/${o.id}`,
          lcsaId: o.lcsa_id,
          score: o.court_order_number.toUpperCase() === ask.identifier ? 1 : 0.9,
        });
      }
    }
    const scope = recordScope(actor, { lcsa: sql`p.lcsa_id` });
    if (ask.name) {
      // The strictest threshold first (fast, and enough for a name as written); looser ones only when it finds no one.
      for (const threshold of nameSimilarityThresholds) {
        const people = await personsByName(tx, ask.name, scope, ask.limit, threshold);
        hits.push(...people.map(personHit));
        if (people.length > 0) break;
      }
    }
    if (ask.ssnLast4 && ask.dateOfBirth) hits.push(...(await personsByLast4(tx, ask.ssnLast4, ask.dateOfBirth, scope, ask.limit)).map(personHit));
    return hits;
  },
};
