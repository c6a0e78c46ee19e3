/**
 * The Training page: my learning (due dates, lessons, quizzes, certificates), and for managers and
 * trainers the completion report by org unit, role or course with exports and reminders; everyone sees
 * the rollout plan.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { RolloutWave } from '../../../../src/modules/training/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { BarChart } from '../../components/BarChart';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { CourseEditor } from './CourseEditor';
import { field } from '../../components/bind';

interface LearnerQuestion {
  id: string;
  text: string;
  kind: 'single' | 'multiple';
  options: { id: string; text: string }[];
}

function Quiz({ assignmentId, questions, isDone }: { assignmentId: string; questions: LearnerQuestion[]; isDone: boolean }) {
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const submit = useAction(
    () => must(client.POST('/api/training/assignments/{id}/quiz', { params: { path: { id: assignmentId } }, body: { answers } })),
    [['training']],
  );
  const choose = (question: LearnerQuestion, option: string, isChecked: boolean) => {
    const current = answers[question.id] ?? [];
    const next = question.kind === 'single' ? [option] : isChecked ? [...current, option] : current.filter((o) => o !== option);
    setAnswers({ ...answers, [question.id]: next });
  };
  if (isDone && !submit.data) return null;
  return (
    <ActionForm
      id="quiz"
      title="Proficiency check"
      heading="h4"
      submitLabel="Submit my answers"
      isPending={submit.isPending}
      error={submit.error}
      status={
        submit.data
          ? `You scored ${submit.data.scorePercent}%: ${submit.data.isPassed ? 'passed' : `not passed; ${submit.data.attemptsLeft} attempts left`}.${submit.data.assignment.status === 'completed' ? ' Course complete.' : ''}`
          : ''
      }
      onSubmit={() => submit.mutate()}
    >
      {questions.map((q) => (
        <fieldset className="usa-fieldset margin-top-2" key={q.id}>
          <legend className="usa-legend">{q.text}</legend>
          {q.options.map((o) => (
            <div className={q.kind === 'single' ? 'usa-radio' : 'usa-checkbox'} key={o.id}>
              <input
                className={q.kind === 'single' ? 'usa-radio__input' : 'usa-checkbox__input'}
                id={`${q.id}-${o.id}`}
                name={q.id}
                type={q.kind === 'single' ? 'radio' : 'checkbox'}
                checked={(answers[q.id] ?? []).includes(o.id)}
                onChange={(e) => choose(q, o.id, e.target.checked)}
              />
              <label className={q.kind === 'single' ? 'usa-radio__label' : 'usa-checkbox__label'} htmlFor={`${q.id}-${o.id}`}>
                {o.text}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </ActionForm>
  );
}

function CoursePlayer({ assignmentId }: { assignmentId: string }) {
  const detail = useQuery({
    queryKey: ['training', 'assignment', assignmentId],
    queryFn: () => must(client.GET('/api/training/assignments/{id}', { params: { path: { id: assignmentId } } })),
  });
  const done = useAction(
    (lessonId: string) => must(client.POST('/api/training/assignments/{id}/lessons/{lessonId}/complete', { params: { path: { id: assignmentId, lessonId } } })),
    [['training']],
  );
  const launch = useAction(
    async (lessonId: string) => {
      const opened = await must(client.POST('/api/training/assignments/{id}/lessons/{lessonId}/launch', { params: { path: { id: assignmentId, lessonId } } }));
      // AnyWindow: this window goes to the unit, which brings the learner back here (returnURL); OwnWindow: a window of its own.
      if (opened.launchMethod === 'OwnWindow') window.open(opened.url, '_blank', 'noopener');
      else window.location.assign(opened.url);
      return opened;
    },
    [['training']],
  );
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const { assignment, course } = detail.data;
  const quiz = course.quiz as { questions: LearnerQuestion[] } | null;
  return (
    <section aria-labelledby="course-heading" data-testid="course-player">
      <h2 id="course-heading">
        {course.code} — {course.title}
      </h2>
      <p>
        {course.description} Due {assignment.dueOn}; {assignment.status.replace('_', ' ')}.
      </p>
      <ErrorAlert error={done.error ?? launch.error} />
      {course.lessons.map((lesson) => (
        <article key={lesson.id} className="margin-bottom-3" aria-labelledby={`lesson-${lesson.id}`}>
          <h3 id={`lesson-${lesson.id}`}>{lesson.title}</h3>
          {lesson.body.split(/\n+/).map((paragraph, i) => (
            <p key={i}>{paragraph.replace(/^#+\s*/, '')}</p>
          ))}
          {lesson.videoUrl ? (
            <p>
              <a className="usa-link" href={lesson.videoUrl}>
                Watch the video for “{lesson.title}”
              </a>
            </p>
          ) : null}
          {lesson.files?.map((f) => (
            <p key={f.url}>
              <a className="usa-link" href={f.url}>
                {f.name}
              </a>
            </p>
          ))}
          {lesson.au ? (
            <p>
              {assignment.lessonsDone.includes(lesson.id) ? 'Done. ' : null}
              <button
                type="button"
                className={assignment.lessonsDone.includes(lesson.id) ? 'usa-button usa-button--outline' : 'usa-button'}
                disabled={launch.isPending}
                onClick={() => launch.mutate(lesson.id)}
              >
                {assignment.lessonsDone.includes(lesson.id) ? `Open “${lesson.title}” again` : `Start “${lesson.title}”`}
              </button>
            </p>
          ) : assignment.lessonsDone.includes(lesson.id) ? (
            <p>Done.</p>
          ) : (
            <button type="button" className="usa-button usa-button--outline" disabled={done.isPending} onClick={() => done.mutate(lesson.id)}>
              Mark “{lesson.title}” done
            </button>
          )}
        </article>
      ))}
      {quiz ? <Quiz assignmentId={assignmentId} questions={quiz.questions} isDone={assignment.status === 'completed'} /> : null}
      {assignment.status === 'completed' ? (
        <p>
          Complete on {assignment.completedOn}.{' '}
          <a className="usa-link" href={`/api/training/assignments/${assignmentId}/certificate.pdf`} download>
            Download your certificate for {course.code} (PDF)
          </a>
        </p>
      ) : null}
    </section>
  );
}

function MyLearning() {
  const mine = useQuery({ queryKey: ['training', 'my'], queryFn: () => must(client.GET('/api/training/my')) });
  return (
    <>
      <section aria-labelledby="my-heading">
        <h2 id="my-heading">My learning</h2>
        <ErrorAlert error={mine.error} />
        {mine.data && mine.data.length === 0 ? <p>Nothing is assigned to you.</p> : null}
        {mine.data && mine.data.length > 0 ? (
          <TableRegion label="My courses">
            <table className="usa-table usa-table--compact width-full" data-testid="my-learning">
              <caption>{mine.data.filter((a) => a.status !== 'completed').length} courses to finish, soonest due first</caption>
              <TableHead columns={['Course', 'Curriculum', 'Due', 'Status', 'Lessons', 'Score']} />
              <tbody>
                {mine.data.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to="/training/assignments/$assignmentId" params={{ assignmentId: a.id }} className="usa-link">
                        {a.courseCode} {a.courseTitle}
                      </Link>
                    </th>
                    <td>{a.curriculumTitle ?? '—'}</td>
                    <td>
                      {a.dueOn}
                      {a.isOverdue ? ' (overdue)' : ''}
                    </td>
                    <td>{a.status.replace('_', ' ')}</td>
                    <td>
                      {a.lessonsDone.length} of {a.lessonCount}
                    </td>
                    <td>{a.scorePercent === null ? '—' : `${a.scorePercent}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
    </>
  );
}

function ManagerReport() {
  const [groupBy, setGroupBy] = useState<'org_unit' | 'role' | 'course'>('org_unit');
  const report = useQuery({
    queryKey: ['training', 'report', groupBy],
    queryFn: () => must(client.GET('/api/training/report', { params: { query: { groupBy } } })),
  });
  const remind = useAction(() => must(client.POST('/api/training/reminders')), [['training']]);
  const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">Completion and overdue</h2>
      <SelectField
        id="report-group"
        label="Group by"
        {...field(groupBy, setGroupBy)}
        options={[
          { value: 'org_unit', label: 'Org unit' },
          { value: 'role', label: 'Role' },
          { value: 'course', label: 'Course' },
        ]}
      />
      <ErrorAlert error={report.error} />
      {report.data ? (
        <>
          <p>
            <a className="usa-link" href={`/api/training/report.csv?groupBy=${groupBy}`} download>
              Download CSV
            </a>{' '}
            ·{' '}
            <a className="usa-link" href={`/api/training/report.xlsx?groupBy=${groupBy}`} download>
              Download XLSX
            </a>
          </p>
          <BarChart
            title="Share of assignments completed (the 12 largest groups)"
            bars={[...report.data.rows]
              .sort((a, b) => b.assigned - a.assigned)
              .slice(0, 12)
              .map((r) => ({ label: r.label, value: share(r.completed, r.assigned) }))}
            format={(v) => `${v}%`}
          />
          <TableRegion label="Training assignments by group">
            <table className="usa-table usa-table--compact width-full" data-testid="training-report">
              <caption>Assignments by {groupBy.replace('_', ' ')}</caption>
              <TableHead columns={['Group', 'Assigned', 'Completed', 'Overdue', 'Average quiz score']} />
              <tbody>
                {report.data.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td>{r.assigned}</td>
                    <td>{r.completed}</td>
                    <td>{r.overdue}</td>
                    <td>{r.averageScorePercent === null ? '—' : `${r.averageScorePercent}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
      <ActionForm
        id="reminders"
        title="Reminders"
        submitLabel="Remind everyone overdue"
        isPending={remind.isPending}
        error={remind.error}
        status={remind.data ? `${remind.data.reminded} learners reminded.` : ''}
        onSubmit={() => remind.mutate()}
      >
        <p>Each overdue learner is reminded at most once a week.</p>
      </ActionForm>
    </section>
  );
}

/** Trainers move an org unit along the plan: launched, delayed (with the reason), complete. */
function RolloutForm({ waves }: { waves: RolloutWave[] }) {
  const [orgUnitId, setOrgUnitId] = useState('');
  const [status, setStatus] = useState<RolloutWave['status']>('launched');
  const [reason, setReason] = useState('');
  const chosen = waves.find((w) => w.orgUnitId === orgUnitId) ?? waves[0];
  const change = useAction(
    () =>
      must(
        client.POST('/api/training/rollout/{orgUnitId}', {
          params: { path: { orgUnitId: chosen!.orgUnitId } },
          body: { status, ...(status === 'delayed' ? { delayReason: reason } : {}) },
        }),
      ),
    [['training', 'rollout']],
  );
  return (
    <ActionForm
      id="rollout-change"
      title="Update the rollout"
      submitLabel="Save the status"
      isPending={change.isPending}
      error={change.error}
      status={change.data ? `${change.data.orgUnitName}: ${change.data.status}.` : ''}
      onSubmit={() => change.mutate()}
    >
      <SelectField
        id="rollout-unit"
        label="Org unit"
        {...field(chosen?.orgUnitId ?? '', setOrgUnitId)}
        options={waves.map((w) => ({ value: w.orgUnitId, label: `${w.orgUnitName} (wave ${w.wave}, ${w.status})` }))}
      />
      <SelectField
        id="rollout-status"
        label="Status"
        {...field(status, setStatus)}
        options={[
          { value: 'planned', label: 'Planned' },
          { value: 'launched', label: 'Launched' },
          { value: 'delayed', label: 'Delayed' },
          { value: 'complete', label: 'Complete' },
        ]}
      />
      {status === 'delayed' ? <TextField id="rollout-reason" label="Why it is delayed" required {...field(reason, setReason)} /> : null}
    </ActionForm>
  );
}

/** A launch against its plan, in days. */
function againstPlan(plannedOn: string, launchedOn: string): string {
  const days = Math.round((Date.parse(launchedOn) - Date.parse(plannedOn)) / 86_400_000);
  return days === 0 ? 'as planned' : days > 0 ? `${days} day${days === 1 ? '' : 's'} late` : `${-days} day${days === -1 ? '' : 's'} early`;
}

function Rollout({ canChange }: { canChange: boolean }) {
  const waves = useQuery({ queryKey: ['training', 'rollout'], queryFn: () => must(client.GET('/api/training/rollout')) });
  return (
    <section aria-labelledby="rollout-heading">
      <h2 id="rollout-heading">Rollout</h2>
      <ErrorAlert error={waves.error} />
      {waves.data && waves.data.length > 0 ? (
        <TableRegion label="HQ divisions first, then the LCSAs in waves">
          <table className="usa-table usa-table--compact width-full" data-testid="rollout">
            <caption>HQ divisions first, then the LCSAs in waves</caption>
            <TableHead columns={['Org unit', 'Wave', 'Planned', 'Launched', 'Status and history', 'Completed']} />
            <tbody>
              {waves.data.map((w) => (
                <tr key={w.orgUnitId}>
                  <th scope="row">{w.orgUnitName}</th>
                  <td>{w.wave}</td>
                  <td>{w.plannedOn}</td>
                  <td>{w.launchedOn ? `${w.launchedOn} (${againstPlan(w.plannedOn, w.launchedOn)})` : '—'}</td>
                  <td>
                    {w.status}
                    {w.delayReason ? `: ${w.delayReason}` : ''}
                    {w.history.length > 0 ? (
                      <details>
                        <summary>
                          {w.history.length} change{w.history.length === 1 ? '' : 's'}
                          <span className="usa-sr-only"> to {w.orgUnitName}</span>
                        </summary>
                        <ul className="usa-list">
                          {w.history.map((h) => (
                            <li key={`${h.at}-${h.status}`}>
                              {h.at.slice(0, 10)}: {h.status}, planned for {h.plannedOn}
                              {h.reason ? ` (${h.reason})` : ''}
                              {h.by ? ` by ${h.by}` : ''}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {w.assigned > 0 || w.status === 'launched' || w.status === 'complete'
                      ? `${w.completed} of ${w.assigned}`
                      : 'Not assigned until it launches'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {canChange && waves.data && waves.data.length > 0 ? <RolloutForm waves={waves.data} /> : null}
    </section>
  );
}

/** A course a learner takes, on its own page: its lessons, the quiz and, once passed, the certificate. */
export function AssignmentPage({ assignmentId }: { assignmentId: string }) {
  const detail = useQuery({
    queryKey: ['training', 'assignment', assignmentId],
    queryFn: () => must(client.GET('/api/training/assignments/{id}', { params: { path: { id: assignmentId } } })),
  });
  const course = detail.data?.course;
  return (
    <Page title={course ? `${course.code} — ${course.title}` : 'My course'} intro="">
      <p>
        <Link to="/training" className="usa-link">
          My learning
        </Link>
      </p>
      <CoursePlayer assignmentId={assignmentId} />
    </Page>
  );
}

export function TrainingPage() {
  const session = useSession();
  if (!hasPermission(session.data, 'training.learn')) return <Page title="Training" intro="Statewide training. Your role does not take part in it." />;
  return (
    <Page title="Training" intro="The statewide learning system: the Core Curriculum for new staff, your courses, and how the rollout is going.">
      <MyLearning />
      {hasPermission(session.data, 'training.manage') ? <ManagerReport /> : null}
      <Rollout canChange={hasPermission(session.data, 'training.author')} />
      {hasPermission(session.data, 'training.author') ? (
        <>
          <CourseEditor />
          <h2>Outside learning systems</h2>
          <p>
            <Link to="/training/lrs-clients" className="usa-link">
              LRS clients
            </Link>
            : the learning systems that report to Concord&rsquo;s learning record store, what each may do, and their secrets.
          </p>
        </>
      ) : null}
      {hasPermission(session.data, 'users.manage') && session.data?.user.lcsaId === null ? (
        <p>
          <Link to="/training/lti-platforms" className="usa-link">
            LTI platforms
          </Link>
          : the learning management systems (Blackboard) that launch Concord&rsquo;s courses and receive their scores.
        </p>
      ) : null}
    </Page>
  );
}
