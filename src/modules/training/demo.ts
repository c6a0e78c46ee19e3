/**
 * Demo training: the statewide Core Curriculum (procedures, system training and soft skills — the module
 * list of the domain page's 2.2, each with lessons and a proficiency quiz) assigned to new staff within
 * 90 days of hire and recertified yearly for confidentiality; leadership courses for managers and supervisors; two learners in every LCSA and HQ division and a supervisor in every LCSA
 * (records only: they cannot sign in) at various points of it; the demo LCSA accounts as staff; and the
 * rollout, which gates assignment — HQ divisions launched one by one on their own dates, the LCSAs in three
 * waves, the first launched, the second delayed (its learners not yet assigned, so none overdue), the third
 * planned.
 */
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor';
import { users } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import type { CourseContent } from './contract';
import {
  trainingAssignments,
  trainingCurricula,
  trainingLessonProgress,
  trainingOrgUnits,
  trainingQuizAttempts,
  trainingRolloutWaves,
  trainingStaff,
} from './schema';
import { addStaffRecords, insertRolloutEvents } from './store';
import { runAssignments } from './assignments';
import { createCourse, publishCourse, saveCourseVersion } from './catalogue';
import { createClient } from './xapi/lrs';
import { importPackage } from './cmi5/package';
import { demoPackage } from './cmi5/pack';

/** The demo outside LMS's LRS credentials (demo data only; a real client gets a random secret). */
export const demoLrsClient = { name: 'Demo county LMS', key: 'demo-lms', secret: 'demo-lms-secret-2026' };

const modules: { code: string; title: string; category: 'procedures' | 'system' | 'soft_skills'; lessons: string[] }[] = [
  {
    code: 'CORE-100',
    title: 'The child support programme',
    category: 'procedures',
    lessons: ['Title IV-D and the DCSS–LCSA partnership', 'Our mission and the families we serve'],
  },
  { code: 'CORE-110', title: 'Case initiation and intake', category: 'procedures', lessons: ['Opening a case', 'Interviewing the parties'] },
  { code: 'CORE-120', title: 'Locate', category: 'procedures', lessons: ['Locate sources', 'Working a locate lead'] },
  { code: 'CORE-130', title: 'Parentage', category: 'procedures', lessons: ['Voluntary declarations of parentage', 'Genetic testing and contested cases'] },
  { code: 'CORE-140', title: 'Establishing orders', category: 'procedures', lessons: ['The statewide guideline', 'Medical support'] },
  {
    code: 'CORE-150',
    title: 'Enforcement tools',
    category: 'procedures',
    lessons: ['Income withholding and tax offsets', 'Liens and the insurance intercept'],
  },
  {
    code: 'CORE-160',
    title: 'Financial case management',
    category: 'procedures',
    lessons: ['Charging, collections and distribution', 'Interest, adjustments and account audits'],
  },
  {
    code: 'CORE-170',
    title: 'Interstate cases (UIFSA)',
    category: 'procedures',
    lessons: ['Jurisdiction and the controlling order', 'Initiating and responding'],
  },
  { code: 'CORE-180', title: 'Review, modification and case closure', category: 'procedures', lessons: ['Review and adjustment', 'Closing a case'] },
  {
    code: 'CORE-190',
    title: 'Confidentiality and data security',
    category: 'procedures',
    lessons: ['Federal tax information (IRS Pub 1075)', 'Family-violence protections'],
  },
  { code: 'SYS-200', title: 'The CSE system', category: 'system', lessons: ['Navigating a case', 'Release notes and what changed'] },
  { code: 'SOFT-300', title: 'Customer service and de-escalation', category: 'soft_skills', lessons: ['Listening first', 'De-escalating a hard call'] },
  { code: 'SOFT-310', title: 'Trauma-informed practice', category: 'soft_skills', lessons: ['What trauma does', 'Safety, choice and trust'] },
  { code: 'SOFT-320', title: 'Equity in our work', category: 'soft_skills', lessons: ['Fair treatment', 'Language access'] },
];

/** Leadership courses for managers and supervisors (the trauma-informed action plan requires them). */
const leadershipModules: (typeof modules)[number][] = [
  {
    code: 'LEAD-400',
    title: 'Trauma-informed supervision',
    category: 'soft_skills',
    lessons: ['Secondary trauma and the people we supervise', 'Supervising for safety, choice and trust'],
  },
  {
    code: 'LEAD-410',
    title: 'Transformational leadership',
    category: 'soft_skills',
    lessons: ['Leading a culture change', 'Listening to staff and acting on it'],
  },
];

function content(module: (typeof modules)[number]): CourseContent {
  return {
    description: `${module.title}: part of the statewide Core Curriculum for new child support staff.`,
    lessons: module.lessons.map((title, i) => ({
      id: `lesson-${i + 1}`,
      title,
      body: `## ${title}\n\nWhat you will learn, the procedure step by step, and a case example.`,
    })),
    quiz: {
      passMarkPercent: 80,
      maxAttempts: 3,
      questions: module.lessons.map((title, i) => ({
        id: `q${i + 1}`,
        text: `Which statement about “${title}” is right?`,
        kind: 'single' as const,
        options: [
          { id: 'a', text: 'It follows the statewide procedure' },
          { id: 'b', text: 'Each LCSA decides its own way' },
        ],
        correct: ['a'],
        points: 1,
      })),
    },
  };
}

/** Creates and publishes the demo courses; their ids in order. */
async function publishModules(tx: Tx, list: (typeof modules)[number][]): Promise<string[]> {
  const actor = systemActor();
  const ids: string[] = [];
  for (const module of list) {
    const course = await createCourse(tx, actor, { code: module.code, title: module.title, category: module.category, owner: 'DCSS Statewide Training Unit' });
    await saveCourseVersion(tx, actor, course.id, content(module));
    await publishCourse(tx, actor, course.id);
    ids.push(course.id);
  }
  return ids;
}

/** Learners' hire dates and how far along they are: a stable spread over the last year. */
function learnerFacts(n: number, asOf: CalendarDate) {
  return { hireDate: addDays(asOf, -((n * 37) % 360) - 5), progress: (n * 13) % 5 };
}

export async function seedTrainingDemo(tx: Tx, asOf: CalendarDate): Promise<void> {
  if ((await tx.select({ id: trainingCurricula.id }).from(trainingCurricula).where(eq(trainingCurricula.code, 'CORE'))).length > 0) return;
  const courseIds = await publishModules(tx, modules);
  // One Core Curriculum course is cmi5 content, imported from the package Concord ships (cmi5/demo-package).
  const firstContact = await createCourse(tx, systemActor(), {
    code: 'CORE-105',
    title: 'First contact with a parent',
    category: 'soft_skills',
    owner: 'DCSS Statewide Training Unit',
  });
  await importPackage(tx, systemActor(), firstContact.id, await demoPackage());
  await publishCourse(tx, systemActor(), firstContact.id);
  courseIds.splice(1, 0, firstContact.id);
  const leadershipIds = await publishModules(tx, leadershipModules);
  const confidentiality = courseIds[modules.findIndex((m) => m.code === 'CORE-190')]!;
  await tx.insert(trainingCurricula).values([
    {
      code: 'CORE',
      title: 'Core Curriculum for new child support staff',
      description: 'Procedures, CSE system training and soft skills: every new member of staff, statewide.',
      courseIds,
      rules: { newHireDueDays: 90, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: null },
      startsOn: addDays(asOf, -365),
    },
    {
      code: 'SECURITY',
      title: 'Annual confidentiality and data security',
      description: 'Every member of staff who sees case data, every year.',
      courseIds: [confidentiality],
      rules: { newHireDueDays: null, roles: ['lcsa_caseworker', 'lcsa_finance'], orgUnits: [], assignDueDays: 30, recertifyMonths: 12 },
      startsOn: addDays(asOf, -365),
    },
    {
      code: 'LEADERSHIP',
      title: 'Trauma-informed leadership',
      description: 'Managers and supervisors: trauma-informed supervision and transformational leadership (the trauma-informed action plan).',
      courseIds: leadershipIds,
      rules: { newHireDueDays: null, roles: ['state_admin', 'lcsa_admin'], orgUnits: [], assignDueDays: 60, recertifyMonths: null },
      startsOn: addDays(asOf, -365),
    },
  ]);
  // Two demo learners per org unit, and the demo LCSA accounts.
  const units = await tx.select().from(trainingOrgUnits);
  let n = 0;
  for (const unit of units) {
    await addStaffRecords(
      tx,
      unit,
      [1, 2].map((k) => ({
        key: `learner.${k}`,
        displayName: `Learner ${k}, ${unit.name}`,
        role: unit.kind === 'lcsa' ? 'lcsa_caseworker' : 'state_staff',
        hireDate: learnerFacts((n += 1), asOf).hireDate,
      })),
    );
    // Each LCSA's supervisor: the leadership curriculum applies to them.
    if (unit.kind === 'lcsa')
      await addStaffRecords(tx, unit, [{ key: 'supervisor.1', displayName: `Supervisor, ${unit.name}`, role: 'lcsa_admin', hireDate: addDays(asOf, -2_000) }]);
  }
  for (const account of await tx.select({ id: users.id, lcsaId: users.lcsaId, email: users.email }).from(users)) {
    if (!account.email.endsWith('@concord.test') || account.email.startsWith('learner.')) continue;
    const orgUnitId = account.lcsaId ?? 'hq-css';
    // The Los Angeles caseworker was hired last month: a new hire with the whole curriculum ahead.
    const hireDate = account.email === 'la.caseworker@concord.test' ? addDays(asOf, -30) : addDays(asOf, -900);
    await tx.insert(trainingStaff).values({ userId: account.id, orgUnitId, hireDate }).onConflictDoNothing();
  }
  // The launch plan comes first: the engine assigns nothing to a unit that has not launched. HQ launches
  // division by division on its own dates; the LCSAs in three waves — the first launched (the demo accounts'
  // LCSAs among them), the second delayed with its reason, the third planned.
  const hqIds = units.filter((u) => u.kind === 'hq_division').map((u) => u.id);
  const demoLcsas = ['los-angeles', 'sacramento'];
  const waves = units.map((unit, i) => {
    const hq = hqIds.indexOf(unit.id);
    const wave = hq >= 0 ? 1 : demoLcsas.includes(unit.id) ? 2 : 2 + (i % 3);
    const plannedOn = hq >= 0 ? addDays(asOf, -240 + 14 * hq) : addDays(asOf, wave === 2 ? -120 : wave === 3 ? 45 : 90);
    return {
      orgUnitId: unit.id,
      wave,
      plannedOn,
      status: wave <= 2 ? ('launched' as const) : wave === 3 ? ('delayed' as const) : ('planned' as const),
      // Some HQ divisions launched a few days after their planned date.
      launchedOn: hq >= 0 ? addDays(plannedOn, hq % 2 === 0 ? 0 : 6) : wave === 2 ? addDays(asOf, -115) : null,
      delayReason: wave === 3 ? 'Staff redeployed to the CSE release; launch moved to the next quarter' : null,
    };
  });
  await tx.insert(trainingRolloutWaves).values(waves).onConflictDoNothing();
  const at = (date: CalendarDate) => new Date(`${date}T17:00:00Z`);
  await insertRolloutEvents(
    tx,
    waves.flatMap((w) => [
      {
        orgUnitId: w.orgUnitId,
        status: 'planned' as const,
        plannedOn: w.wave === 3 ? addDays(asOf, -30) : w.plannedOn,
        reason: null,
        at: at(addDays(asOf, -300)),
      },
      ...(w.launchedOn ? [{ orgUnitId: w.orgUnitId, status: 'launched' as const, plannedOn: w.plannedOn, reason: null, at: at(w.launchedOn) }] : []),
      ...(w.status === 'delayed'
        ? [{ orgUnitId: w.orgUnitId, status: 'delayed' as const, plannedOn: w.plannedOn, reason: w.delayReason, at: at(addDays(asOf, -50)) }]
        : []),
    ]),
  );
  await runAssignments(tx, undefined, asOf);
  // Learners have worked through part of what they were assigned: lessons, quiz attempts, completions.
  const assignments = await tx.select().from(trainingAssignments);
  const staff = new Map((await tx.select().from(trainingStaff)).map((s) => [s.userId, s]));
  for (const [i, a] of assignments.entries()) {
    const learner = staff.get(a.userId)!;
    const progress = learnerFacts(i, asOf).progress;
    const isDemoAccount = learner.hireDate === addDays(asOf, -30) || learner.hireDate === addDays(asOf, -900);
    if (isDemoAccount || progress === 0) continue;
    // The cmi5 course's lessons are its units; its knowledge check is inside the second (no Concord quiz).
    const isCmi5 = a.courseId === firstContact.id;
    const [first, second] = isCmi5 ? ['au-1', 'au-2'] : ['lesson-1', 'lesson-2'];
    await tx.insert(trainingLessonProgress).values({ assignmentId: a.id, lessonId: first! }).onConflictDoNothing();
    if (progress < 3) {
      await tx.update(trainingAssignments).set({ status: 'in_progress' }).where(eq(trainingAssignments.id, a.id));
      continue;
    }
    const scorePercent = progress === 3 ? 100 : 50;
    if (!isCmi5 || scorePercent >= 80) await tx.insert(trainingLessonProgress).values({ assignmentId: a.id, lessonId: second! }).onConflictDoNothing();
    if (!isCmi5)
      await tx
        .insert(trainingQuizAttempts)
        .values({ assignmentId: a.id, attempt: 1, answers: {}, scorePercent, isPassed: scorePercent >= 80 })
        .onConflictDoNothing();
    if (scorePercent >= 80) {
      const completedOn = a.dueOn < asOf ? addDays(a.dueOn, -3) : asOf;
      await tx
        .update(trainingAssignments)
        .set({ status: 'completed', completedOn, completedVia: isCmi5 ? 'cmi5' : 'concord', scorePercent })
        .where(eq(trainingAssignments.id, a.id));
    } else await tx.update(trainingAssignments).set({ status: 'in_progress' }).where(eq(trainingAssignments.id, a.id));
  }
  await createClient(tx, demoLrsClient.name, { key: demoLrsClient.key, secret: demoLrsClient.secret });
}
