/**
 * Demo claims: allocations for every LCSA for the state fiscal years of the last eight quarters, sized by
 * the LCSA's demo caseload (about $1,150 a case a year, plus a fixed call-centre and OE&E part), and a claim
 * for each of the last eight full quarters, accepted after the whole workflow, a few of them late. Los
 * Angeles' latest quarter is still a draft — the claim the demo journey imports and submits — and two
 * LCSAs' latest claims are on their way (Sacramento's submitted, Orange's certified).
 */
import { compareText } from '../../platform/compare';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import { caseCountsByLcsa, listLcsas } from '../registry/index';
import { quarterOf, quartersEndingWith, shiftQuarter, stateFiscal } from './domain/calendar';
import type { AdjustmentItem, Attachment, ClaimLines } from './domain/claim';
import { budgetFigures } from './budgets';
import { claimAllocations, claimBudgetRequests, claimEvents, claims, claimVersions } from './schema';
import { claimDueBy } from './service';

const perCaseYearCents = 1_150_00;
const fixedYearCents = 150_000_00;

/** A quarter's lines from its quarterly budget, varied by a stable factor. */
function demoLines(quarterCents: number, edpQuarterCents: number, factor: number): ClaimLines {
  const part = (share: number) => Math.round(quarterCents * share * factor);
  const amounts = (cents: number, adjustmentCents = 0) => ({ currentCents: cents, adjustmentCents, estimateCents: Math.round(cents * 1.01) });
  return {
    salaries: amounts(part(0.55), part(0.004) - part(0.002)),
    benefits: amounts(part(0.24)),
    services_supplies: amounts(part(0.08)),
    indirect: amounts(part(0.05)),
    collections_distribution: amounts(part(0.03)),
    incentive_funded: amounts(part(0.01)),
    non_ivd: amounts(part(0.005)),
    income_fees: amounts(part(0.002)),
    income_interest: amounts(part(0.001)),
    edp_mo: amounts(Math.round(edpQuarterCents * factor)),
  };
}

export async function seedClaimsDemo(tx: Tx, asOf: CalendarDate): Promise<void> {
  const last = shiftQuarter(quarterOf(asOf), -1);
  const quarters = quartersEndingWith(last, 8);
  const caseCounts = await caseCountsByLcsa(tx, { openOnly: false });
  const all = (await listLcsas(tx)).sort((a, b) => compareText(a.id, b.id));
  const fiscalYears = [...new Set([...quarters, quarterOf(asOf)].map((q) => stateFiscal(q).year))];
  for (const [n, { id: lcsaId }] of all.entries()) {
    const yearCents = fixedYearCents + perCaseYearCents * (caseCounts.get(lcsaId) ?? 0);
    for (const year of fiscalYears) {
      await tx
        .insert(claimAllocations)
        .values([
          { lcsaId, stateFiscalYear: year, stream: 'administration', amountCents: yearCents },
          { lcsaId, stateFiscalYear: year, stream: 'edp_mo', amountCents: Math.round(yearCents * 0.06) },
          { lcsaId, stateFiscalYear: year, stream: 'one_time', amountCents: 0 },
        ])
        .onConflictDoNothing();
    }
    // This fiscal year's budget request: approved, except Los Angeles' (submitted, for the state to review).
    const positions = [
      {
        classification: 'Child Support Specialist II',
        fte: Math.max(1, Math.round((caseCounts.get(lcsaId) ?? 0) / 20) / 2),
        averageSalaryCents: 68_000_00,
        benefitsRateBasisPoints: 4_500,
        justification: 'Caseload at 188 cases per FTE (level-of-effort study)',
      },
      {
        classification: 'Supervising Child Support Specialist',
        fte: 1,
        averageSalaryCents: 89_500_00,
        benefitsRateBasisPoints: 4_500,
        justification: 'One supervisor for the specialists',
      },
    ];
    const items = [
      {
        kind: 'operating_expenses' as const,
        description: 'Rent, utilities and supplies',
        amountCents: Math.round(yearCents * 0.08),
        justification: 'Same premises and rates as last year',
      },
    ];
    await tx
      .insert(claimBudgetRequests)
      .values({
        lcsaId,
        stateFiscalYear: stateFiscal(quarterOf(asOf)).year,
        status: lcsaId === 'los-angeles' ? 'submitted' : 'approved',
        positions,
        items,
        totalCents: budgetFigures({ positions, items }).totalCents,
        version: 1,
      })
      .onConflictDoNothing();
    for (const [i, quarter] of quarters.entries()) {
      const isLatest = i === quarters.length - 1;
      const status =
        isLatest && lcsaId === 'los-angeles'
          ? 'draft'
          : isLatest && lcsaId === 'sacramento'
            ? 'submitted'
            : isLatest && lcsaId === 'orange'
              ? 'certified'
              : 'accepted';
      const isDraft = status === 'draft';
      const factor = 0.9 + ((n * 7 + i * 3) % 10) / 100;
      const lines = demoLines(Math.round(yearCents / 4), Math.round((yearCents * 0.06) / 4), factor);
      const stateQuarter = stateFiscal(quarter).quarter;
      // The salaries adjustment corrects the quarter before, from its time study.
      const adjustments: AdjustmentItem[] = [
        { line: 'salaries', quarter: shiftQuarter(quarter, -1), amountCents: lines.salaries!.adjustmentCents, reason: 'Time study correction' },
      ];
      const attachments: Attachment[] = [
        {
          kind: 'time_study',
          ivdHours: 480 + (caseCounts.get(lcsaId) ?? 0) * 2,
          nonIvdHours: 12,
          staffCount: 4 + Math.round((caseCounts.get(lcsaId) ?? 0) / 100),
        },
        ...(stateQuarter === 1 || stateQuarter === 3 ? [{ kind: 'time_certification' as const, ivdHours: 960, nonIvdHours: 0, staffCount: 3 }] : []),
      ];
      const due = claimDueBy(quarter);
      const submittedOn = (n + i) % 11 === 0 ? addDays(due, 4) : addDays(due, -3);
      const [claim] = await tx
        .insert(claims)
        .values({
          lcsaId,
          quarter,
          status,
          version: 1,
          lines,
          attachments,
          adjustments,
          dueBy: due,
          submittedOn: isDraft ? null : submittedOn,
          isLate: !isDraft && submittedOn > due,
          acceptedOn: status === 'accepted' ? addDays(submittedOn, 20) : null,
        })
        .onConflictDoNothing()
        .returning({ id: claims.id });
      if (!claim) continue;
      await tx.insert(claimVersions).values({ claimId: claim.id, version: 1, lines, attachments, adjustments, source: 'demo' });
      const path = ['draft', 'submitted', 'approved', 'certified', 'accepted'];
      const roles = ['lcsa_budget', 'lcsa_admin', 'lcsa_auditor_controller', 'state_staff'];
      const steps = path.slice(1, path.indexOf(status) + 1);
      if (steps.length === 0) continue;
      await tx.insert(claimEvents).values(
        steps.map((to, step) => ({
          claimId: claim.id,
          fromStatus: path[step]!,
          toStatus: to,
          version: 1,
          actorRole: roles[step]!,
          on: addDays(submittedOn, step * 6),
        })),
      );
    }
  }
}
