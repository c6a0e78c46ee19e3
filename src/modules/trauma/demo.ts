/**
 * Demo trauma-informed assessment: staff in six LCSAs and two HQ divisions (records only: they cannot sign
 * in), a baseline campaign a year ago and this year's follow-up (closed this week), answered
 * through the same anonymous path as real staff, with a realistic spread — lower scores on safety and
 * the physical environment, improvement where the plan acted — and one small HQ office under the group
 * threshold; and an open quarterly pulse survey in Sacramento, half answered. The multi-year action plan has four phases on the Missouri Model, 13 actions of which 3 are
 * done (the 23% the strategic plan reports), and leadership courses from training.
 */
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import type { PiiKeys } from '../../platform/pii/keys';
import { addStaffRecords, orgUnitNames } from '../training/index';
import type { RoleGroup } from './contract';
import { createAction, createPhase, setActionStatus, type NewPhase } from './actions';
import { concordInstrument } from './domain/concord-instrument';
import { familiesInstrument } from './domain/families-instrument';
import { traumaInstruments, traumaPhases } from './schema';
import { invitationToken, inviteFamily, openCampaign } from './campaigns';
import { loadShippedInstrument } from './instruments';
import { mixAnswers, submitSurvey } from './survey';

/** Surveyed units: staff records to add, and how their climate differs from the statewide one. */
const units = [
  { id: 'los-angeles', staff: 40, climate: 0.1 },
  { id: 'san-diego', staff: 24, climate: 0.3 },
  { id: 'orange', staff: 20, climate: 0 },
  { id: 'sacramento', staff: 16, climate: -0.2 },
  { id: 'fresno', staff: 12, climate: -0.3 },
  { id: 'riverside', staff: 14, climate: 0.2 },
  { id: 'hq-css', staff: 18, climate: 0.4 },
  { id: 'hq-legal', staff: 5, climate: 0.5 },
];

/** Statewide baseline by implementation domain (1–5), and the follow-up's change where the plan acted. */
const baseline: Record<string, number> = {
  governance: 2.9,
  policy: 2.8,
  environment: 2.3,
  engagement: 2.2,
  cross_sector: 3.1,
  screening: 2.5,
  workforce: 2.6,
  monitoring: 2.4,
  financing: 2.1,
  evaluation: 2.3,
};
const improvement: Record<string, number> = { workforce: 0.6, governance: 0.3, policy: 0.3, screening: 0.4 };

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

function answersOf(random: () => number, climate: number, isFollowUp: boolean): Record<string, number | null> {
  const answers: Record<string, number | null> = {};
  for (const item of concordInstrument.items) {
    if (random() < 0.04) {
      answers[item.id] = null; // does not apply / don't know
      continue;
    }
    const level = baseline[item.domain]! + climate + (isFollowUp ? (improvement[item.domain] ?? 0.1) : 0) + (random() + random() - 1) * 1.4;
    const point = Math.min(5, Math.max(1, Math.round(level)));
    answers[item.id] = item.isReversed ? 6 - point : point;
  }
  return answers;
}

function roleGroupOf(random: () => number): RoleGroup {
  const roll = random();
  return roll < 0.06 ? 'manager' : roll < 0.2 ? 'supervisor' : 'staff';
}

export async function seedTraumaDemo(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<void> {
  if ((await tx.select({ id: traumaPhases.id }).from(traumaPhases)).length > 0) return;
  await loadShippedInstrument(tx);
  const actor = systemActor();
  const [instrument] = await tx.select({ id: traumaInstruments.id }).from(traumaInstruments).where(eq(traumaInstruments.code, concordInstrument.code));
  const people = new Map<string, string[]>();
  const names = await orgUnitNames(tx);
  for (const unit of units) {
    const kind = unit.id.startsWith('hq-') ? ('hq_division' as const) : ('lcsa' as const);
    const name = names.get(unit.id) ?? unit.id;
    const ids = await addStaffRecords(
      tx,
      { id: unit.id, name, kind },
      Array.from({ length: unit.staff }, (_, i) => ({
        key: `staff.${i + 1}`,
        displayName: `Staff member ${i + 1}, ${name}`,
        role: kind === 'lcsa' ? 'lcsa_caseworker' : 'state_staff',
        hireDate: addDays(asOf, -400 - i * 53),
      })),
    );
    people.set(unit.id, ids);
  }
  const random = lcg(2026);
  const campaigns = [
    { title: 'Baseline assessment', opensOn: addDays(asOf, -380), closesOn: addDays(asOf, -350), share: 0.8, isFollowUp: false, units },
    { title: 'Annual follow-up assessment', opensOn: addDays(asOf, -30), closesOn: addDays(asOf, -2), share: 0.7, isFollowUp: true, units },
    // Open now: staff of Sacramento (the demo caseworker among them) find it in their surveys.
    {
      title: 'Quarterly pulse survey',
      opensOn: addDays(asOf, -5),
      closesOn: addDays(asOf, 25),
      share: 0.5,
      isFollowUp: true,
      units: units.filter((u) => u.id === 'sacramento'),
    },
  ];
  const opened: string[] = [];
  for (const c of campaigns) {
    const campaign = await openCampaign(
      tx,
      keys,
      actor,
      { title: c.title, instrumentId: instrument!.id, opensOn: c.opensOn, closesOn: c.closesOn, orgUnitIds: c.units.map((u) => u.id) },
      c.opensOn,
    );
    opened.push(campaign.id);
    for (const unit of c.units) {
      const staff = people.get(unit.id) ?? [];
      // The small legal office: four answer, under the threshold of five.
      const answering = unit.id === 'hq-legal' ? 4 : Math.round(staff.length * c.share);
      for (const userId of staff.slice(0, answering)) {
        await submitSurvey(
          tx,
          keys,
          {
            token: invitationToken(keys, campaign.id, userId),
            language: random() < 0.2 ? 'es' : 'en',
            roleGroup: roleGroupOf(random),
            answers: answersOf(random, unit.climate, c.isFollowUp),
          },
          addDays(c.opensOn, 3),
        );
      }
    }
  }
  const year = Number(asOf.slice(0, 4));
  const phases: NewPhase[] = [
    { ordinal: 1, title: 'Learn and assess', stage: 'trauma_aware', startsOn: `${year - 1}-01-01`, endsOn: `${year - 1}-12-31` },
    { ordinal: 2, title: 'Leaders and policy', stage: 'trauma_sensitive', startsOn: `${year}-01-01`, endsOn: `${year}-12-31` },
    { ordinal: 3, title: 'Practice and environment', stage: 'trauma_responsive', startsOn: `${year + 1}-01-01`, endsOn: `${year + 2}-12-31` },
    { ordinal: 4, title: 'Sustain and evaluate', stage: 'trauma_informed', startsOn: `${year + 3}-01-01`, endsOn: `${year + 4}-12-31` },
  ];
  const phaseIds: string[] = [];
  for (const phase of phases) phaseIds.push((await createPhase(tx, actor, phase)).id);
  const actions: {
    phase: number;
    title: string;
    owner: string;
    dueOn: CalendarDate;
    gap: [kind: 'domain' | 'principle', id: string] | null;
    courses: string[];
    status: 'done' | 'in_progress' | 'planned';
  }[] = [
    {
      phase: 0,
      title: 'Run the baseline staff self-assessment',
      owner: 'Office of Workforce Development',
      dueOn: `${year - 1}-12-15`,
      gap: ['domain', 'monitoring'],
      courses: [],
      status: 'done',
    },
    {
      phase: 0,
      title: 'Charter the trauma-informed steering committee',
      owner: 'Office of the Director',
      dueOn: `${year - 1}-09-30`,
      gap: ['domain', 'governance'],
      courses: [],
      status: 'done',
    },
    {
      phase: 0,
      title: 'All staff complete trauma-informed practice',
      owner: 'Statewide Training Unit',
      dueOn: `${year}-03-31`,
      gap: ['domain', 'workforce'],
      courses: ['SOFT-310'],
      status: 'done',
    },
    {
      phase: 1,
      title: 'Managers and supervisors complete trauma-informed leadership training',
      owner: 'Statewide Training Unit',
      dueOn: `${year}-12-31`,
      gap: ['domain', 'workforce'],
      courses: ['LEAD-400', 'LEAD-410'],
      status: 'in_progress',
    },
    {
      phase: 1,
      title: 'Review notices and letters for plain, non-threatening language',
      owner: 'Child Support Services Division',
      dueOn: `${year}-10-31`,
      gap: ['principle', 'trustworthiness'],
      courses: [],
      status: 'in_progress',
    },
    {
      phase: 1,
      title: 'Family-violence safety procedure for every LCSA',
      owner: 'Office of Legal Services',
      dueOn: `${year + 1}-03-31`,
      gap: ['domain', 'policy'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 1,
      title: 'Staff wellness and peer support programme',
      owner: 'Administrative Services Division',
      dueOn: `${year + 1}-06-30`,
      gap: ['domain', 'financing'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 2,
      title: 'Private interview spaces in every LCSA lobby',
      owner: 'LCSA directors',
      dueOn: `${year + 2}-06-30`,
      gap: ['domain', 'environment'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 2,
      title: 'Parent advisory panels in each region',
      owner: 'Child Support Services Division',
      dueOn: `${year + 2}-09-30`,
      gap: ['domain', 'engagement'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 2,
      title: 'Referral partnerships for housing, work and safety',
      owner: 'LCSA directors',
      dueOn: `${year + 2}-12-31`,
      gap: ['domain', 'cross_sector'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 3,
      title: 'Customer experience survey (TIC Grade style)',
      owner: 'Office of Audits and Compliance',
      dueOn: `${year + 3}-06-30`,
      gap: ['domain', 'evaluation'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 3,
      title: 'Report results by language and community',
      owner: 'Office of Audits and Compliance',
      dueOn: `${year + 3}-12-31`,
      gap: ['principle', 'cultural'],
      courses: [],
      status: 'planned',
    },
    {
      phase: 3,
      title: 'Budget line for sustaining the changes',
      owner: 'Administrative Services Division',
      dueOn: `${year + 4}-06-30`,
      gap: ['domain', 'financing'],
      courses: [],
      status: 'planned',
    },
  ];
  for (const a of actions) {
    const action = await createAction(tx, actor, {
      phaseId: phaseIds[a.phase]!,
      title: a.title,
      description: `${a.title}: owned by ${a.owner}, reported to the steering committee each quarter.`,
      owner: a.owner,
      dueOn: a.dueOn,
      gap: a.gap ? { kind: a.gap[0], id: a.gap[1] } : null,
      campaignId: opened[0]!,
      courseCodes: a.courses,
    });
    if (a.status !== 'planned') await setActionStatus(tx, actor, action.id, { status: a.status }, a.dueOn < asOf ? a.dueOn : asOf);
  }
}

/** How families' answers differ from the middle of the scale: telling the story again and being asked how to reach them safely lag. */
const familyLevels: Record<string, number> = { 'fam-2': -0.9, 'fam-6': -1.2, 'fam-11': -0.7, 'fam-4': -0.3, 'fam-13': 0.6, 'fam-12': 0.5 };

/**
 * Demo families' surveys (the portal's demo calls it with parents whose requests closed last quarter):
 * last quarter's survey, closed, answered by those families through the same anonymous path as in the
 * portal — invited once their request closed, then answering — with one LCSA's families under the group
 * threshold; and this quarter's, open over every LCSA, so a parent whose request closes now is offered it.
 */
export async function seedFamiliesSurveyDemo(
  tx: Tx,
  keys: PiiKeys,
  asOf: CalendarDate,
  families: { userId: string; orgUnitId: string; climate: number }[],
  lcsaIds: string[],
): Promise<void> {
  const [instrument] = await tx.select({ id: traumaInstruments.id }).from(traumaInstruments).where(eq(traumaInstruments.code, familiesInstrument.code));
  if (!instrument) return;
  const actor = systemActor();
  const random = lcg(2027);
  const lastQuarter = { opensOn: addDays(asOf, -120), closesOn: addDays(asOf, -30) };
  const closed = await openCampaign(
    tx,
    keys,
    actor,
    { title: "Families' experience, last quarter", instrumentId: instrument.id, ...lastQuarter, orgUnitIds: lcsaIds, audience: 'families' },
    lastQuarter.opensOn,
  );
  const answeredOn = addDays(lastQuarter.opensOn, 20);
  for (const family of families) {
    await inviteFamily(tx, keys, family.userId, family.orgUnitId, answeredOn);
    const answers: Record<string, number | null> = {};
    const ownView = (random() - 0.5) * 1.4;
    for (const item of familiesInstrument.items) {
      if (random() < 0.05) continue;
      const level = 4.1 + family.climate + ownView + (familyLevels[item.id] ?? 0) + (random() + random() - 1) * 1.2;
      const point = Math.min(5, Math.max(1, Math.round(level)));
      answers[item.id] = item.isReversed ? 6 - point : point;
    }
    await submitSurvey(
      tx,
      keys,
      { token: invitationToken(keys, closed.id, family.userId), language: random() < 0.3 ? 'es' : 'en', roleGroup: 'family', answers },
      answeredOn,
    );
  }
  await mixAnswers(tx, keys, closed.id, closed.minGroupSize, true);
  await openCampaign(
    tx,
    keys,
    actor,
    {
      title: "Families' experience, this quarter",
      instrumentId: instrument.id,
      opensOn: addDays(asOf, -20),
      closesOn: addDays(asOf, 70),
      orgUnitIds: lcsaIds,
      audience: 'families',
    },
    addDays(asOf, -20),
  );
}
