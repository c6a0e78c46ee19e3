import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { addDays, todayInCalifornia } from '../dates';

const { app, signInAs } = await useTestApp();
type Queue = { key: string; open: number; overdue: number; nextDue: string | null; href: string };
const home = async (headers: Record<string, string>) => {
  const response = await app.inject({ method: 'GET', url: '/api/home', headers });
  expect(response.statusCode).toBe(200);
  return response.json<{ queues: Queue[]; recent: { action: string }[] }>();
};
const queue = (body: { queues: Queue[] }, key: string) => body.queues.find((q) => q.key === key);

describe('GET /api/home', () => {
  it("counts an LCSA's open audit requests, what is overdue and the next deadline, within the LCSA only", async () => {
    const finance = await signInAs('lcsa_finance');
    const caseworker = await signInAs('lcsa_caseworker');
    const opened = await openCaseWithOrder(app, caseworker.headers);
    const before = queue(await home(finance.headers), 'finance.audit_requests')!;
    const today = todayInCalifornia();
    for (const receivedOn of [addDays(today, -60), addDays(today, -2)]) {
      const logged = await app.inject({
        method: 'POST',
        url: `/api/cases/${opened.id}/audit-requests`,
        headers: finance.headers,
        payload: { kind: 'arrears_audit', requestedBy: 'obligor', receivedOn, summary: 'Asks for an audit of the arrears.' },
      });
      expect(logged.statusCode).toBe(201);
    }
    const after = queue(await home(finance.headers), 'finance.audit_requests')!;
    expect(after.open - before.open).toBe(2);
    expect(after.overdue - before.overdue).toBe(1);
    expect(after.nextDue! <= addDays(today, -30)).toBe(true);
    const elsewhere = queue(await home((await signInAs('lcsa_finance', { lcsaId: 'alameda' })).headers), 'finance.audit_requests')!;
    expect(elsewhere).toMatchObject({ open: 0, overdue: 0, nextDue: null });
  });

  it("shows each role only the queues it may work, and the person's own recent activity", async () => {
    const caseworker = await signInAs('lcsa_caseworker');
    await openCaseWithOrder(app, caseworker.headers);
    const body = await home(caseworker.headers);
    expect(body.queues.map((q) => q.key)).toEqual(
      expect.arrayContaining(['liens.to_record', 'liens.releases_due', 'intercept.reviews', 'finance.audit_requests', 'training.my_courses']),
    );
    expect(body.queues.map((q) => q.key)).not.toContain('finance.adjustments');
    expect(body.queues.map((q) => q.key)).not.toContain('claims.inbox');
    expect(body.recent.map((r) => r.action)).toContain('case.create');
    const budget = await home((await signInAs('lcsa_budget')).headers);
    expect(budget.queues.map((q) => q.key)).toEqual(['claims.inbox', 'training.my_courses']);
    const insurer = await home((await signInAs('insurer_partner')).headers);
    expect(insurer.queues).toEqual([]);
  });
});
