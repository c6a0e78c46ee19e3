/**
 * The trainers' course editor: create a course, then edit its lessons (text, video link, files) and quiz
 * (questions, options, the right answers, points, pass mark, attempts), save a new version and publish
 * it. Learners keep the version they were assigned; new assignments take the published one.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { CourseContent, CourseView, NewCourse } from '../../../../src/modules/training/contract';
import { client, fileBody, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert, RecordPage } from '../../components/Page';
import { Facts } from '../../components/Facts';
import { TableHead, TableRegion } from '../../components/Table';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { bind } from '../../components/bind';

type Question = NonNullable<CourseContent['quiz']>['questions'][number];

const emptyContent = (): CourseContent => ({ description: '', lessons: [{ id: 'lesson-1', title: '', body: '' }], quiz: null });
const newQuestion = (n: number): Question => ({
  id: `q${n}`,
  text: '',
  kind: 'single',
  options: [
    { id: 'a', text: '' },
    { id: 'b', text: '' },
  ],
  correct: ['a'],
  points: 1,
});

function NewCourseForm({ onCreated }: { onCreated(id: string): void }) {
  const [form, setForm] = useState<NewCourse>({ code: '', title: '', category: 'procedures', owner: 'DCSS Statewide Training Unit' });
  const create = useAction(async () => {
    const course = await must(client.POST('/api/training/courses', { body: form }));
    onCreated(course.id);
    return course;
  }, [['training']]);
  return (
    <ActionForm
      id="new-course"
      title="New course"
      submitLabel="Create the course"
      isPending={create.isPending}
      error={create.error}
      status={create.data ? `Course ${create.data.code} created: add its lessons below.` : ''}
      onSubmit={() => create.mutate()}
    >
      <TextField id="course-code" label="Code" hint="Capitals, digits and dashes, e.g. CORE-210" required {...bind(form, setForm, 'code')} />
      <TextField id="course-title" label="Title" required {...bind(form, setForm, 'title')} />
      <SelectField
        id="course-category"
        label="Category"
        {...bind(form, setForm, 'category')}
        options={[
          { value: 'procedures', label: 'Procedures' },
          { value: 'system', label: 'System training' },
          { value: 'soft_skills', label: 'Soft skills' },
        ]}
      />
      <TextField id="course-owner" label="Owner" required {...bind(form, setForm, 'owner')} />
    </ActionForm>
  );
}

const moveOnWords: Record<NonNullable<CourseContent['lessons'][number]['au']>['moveOn'], string> = {
  Completed: 'the unit is completed',
  Passed: 'the unit is passed',
  CompletedAndPassed: 'the unit is completed and passed',
  CompletedOrPassed: 'the unit is completed or passed',
  NotApplicable: 'the unit is opened',
};

function ContentForm({ course }: { course: CourseView }) {
  const [content, setContent] = useState<CourseContent>(emptyContent());
  useEffect(() => {
    setContent(
      course.lessons.length > 0 ? { description: course.description, lessons: course.lessons, quiz: course.quiz as CourseContent['quiz'] } : emptyContent(),
    );
  }, [course]);
  const save = useAction(
    () => must(client.POST('/api/training/courses/{id}/versions', { params: { path: { id: course.id } }, body: content })),
    [['training']],
  );
  const publish = useAction(() => must(client.POST('/api/training/courses/{id}/publish', { params: { path: { id: course.id } } })), [['training']]);
  const setLesson = (i: number, change: Partial<CourseContent['lessons'][number]>) =>
    setContent({ ...content, lessons: content.lessons.map((l, j) => (j === i ? { ...l, ...change } : l)) });
  const quiz = content.quiz;
  const setQuestion = (i: number, change: Partial<Question>) =>
    quiz && setContent({ ...content, quiz: { ...quiz, questions: quiz.questions.map((q, j) => (j === i ? { ...q, ...change } : q)) } });
  return (
    <>
      <ActionForm
        id="course-content"
        title={`Edit ${course.code} (latest version ${course.latestVersion}, published ${course.publishedVersion ?? 'none'})`}
        submitLabel="Save a new version"
        isPending={save.isPending}
        error={save.error}
        status={save.data ? `Version ${save.data.latestVersion} saved.` : ''}
        onSubmit={() => save.mutate()}
      >
        <label className="usa-label" htmlFor="course-description">
          Description
        </label>
        <textarea className="usa-textarea" id="course-description" {...bind(content, setContent, 'description')} />
        {content.lessons.map((lesson, i) => (
          <fieldset className="usa-fieldset margin-top-2" key={i}>
            <legend className="usa-legend">Lesson {i + 1}</legend>
            {lesson.au ? (
              <p className="usa-hint" data-testid={`lesson-${i}-au`}>
                cmi5 unit {lesson.au.url}: done when {moveOnWords[lesson.au.moveOn]}
                {lesson.au.masteryScore !== null ? ` (pass mark ${Math.round(lesson.au.masteryScore * 100)}%)` : ''}.
              </p>
            ) : null}
            <TextField
              id={`lesson-${i}-title`}
              label={`Lesson ${i + 1} title`}
              required
              value={lesson.title}
              onChange={(e) => setLesson(i, { title: e.target.value })}
            />
            <label className="usa-label" htmlFor={`lesson-${i}-body`}>
              Lesson {i + 1} text (Markdown)
            </label>
            <textarea className="usa-textarea" id={`lesson-${i}-body`} value={lesson.body} onChange={(e) => setLesson(i, { body: e.target.value })} />
            <TextField
              id={`lesson-${i}-video`}
              label={`Lesson ${i + 1} video link`}
              type="url"
              value={lesson.videoUrl ?? ''}
              onChange={(e) => setLesson(i, { videoUrl: e.target.value || undefined })}
            />
          </fieldset>
        ))}
        <button
          type="button"
          className="usa-button usa-button--outline margin-top-2"
          onClick={() => setContent({ ...content, lessons: [...content.lessons, { id: `lesson-${content.lessons.length + 1}`, title: '', body: '' }] })}
        >
          Add a lesson
        </button>
        {quiz ? (
          <fieldset className="usa-fieldset margin-top-2">
            <legend className="usa-legend">Quiz</legend>
            <TextField
              id="quiz-pass"
              label="Pass mark (%)"
              inputMode="numeric"
              value={String(quiz.passMarkPercent)}
              onChange={(e) => setContent({ ...content, quiz: { ...quiz, passMarkPercent: Number(e.target.value) } })}
            />
            <TextField
              id="quiz-attempts"
              label="Attempts allowed"
              inputMode="numeric"
              value={String(quiz.maxAttempts)}
              onChange={(e) => setContent({ ...content, quiz: { ...quiz, maxAttempts: Number(e.target.value) } })}
            />
            {quiz.questions.map((q, i) => (
              <fieldset className="usa-fieldset margin-top-2" key={i}>
                <legend className="usa-legend">Question {i + 1}</legend>
                <TextField id={`q-${i}-text`} label={`Question ${i + 1}`} required value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} />
                <SelectField
                  id={`q-${i}-kind`}
                  label={`Question ${i + 1} kind`}
                  value={q.kind}
                  onChange={(e) => setQuestion(i, { kind: e.target.value as Question['kind'] })}
                  options={[
                    { value: 'single', label: 'Single choice' },
                    { value: 'multiple', label: 'Multiple choice' },
                  ]}
                />
                {q.options.map((o, k) => (
                  <div key={o.id}>
                    <TextField
                      id={`q-${i}-option-${o.id}`}
                      label={`Question ${i + 1}, option ${o.id.toUpperCase()}`}
                      value={o.text}
                      onChange={(e) => setQuestion(i, { options: q.options.map((x, m) => (m === k ? { ...x, text: e.target.value } : x)) })}
                    />
                    <div className="usa-checkbox">
                      <input
                        className="usa-checkbox__input"
                        id={`q-${i}-right-${o.id}`}
                        type="checkbox"
                        checked={q.correct.includes(o.id)}
                        onChange={(e) =>
                          setQuestion(i, {
                            correct: e.target.checked
                              ? [...q.correct.filter((c) => q.kind === 'multiple' && c !== o.id), o.id]
                              : q.correct.filter((c) => c !== o.id),
                          })
                        }
                      />
                      <label className="usa-checkbox__label" htmlFor={`q-${i}-right-${o.id}`}>
                        Option {o.id.toUpperCase()} is right
                      </label>
                    </div>
                  </div>
                ))}
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => setQuestion(i, { options: [...q.options, { id: String.fromCharCode(97 + q.options.length), text: '' }] })}
                >
                  Add an option to question {i + 1}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              className="usa-button usa-button--outline margin-top-2"
              onClick={() => setContent({ ...content, quiz: { ...quiz, questions: [...quiz.questions, newQuestion(quiz.questions.length + 1)] } })}
            >
              Add a question
            </button>
          </fieldset>
        ) : (
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => setContent({ ...content, quiz: { passMarkPercent: 80, maxAttempts: 3, questions: [newQuestion(1)] } })}
          >
            Add a quiz
          </button>
        )}
      </ActionForm>
      <ActionForm
        id="course-publish"
        title={`Publish ${course.code}`}
        submitLabel="Publish the latest version"
        isPending={publish.isPending}
        error={publish.error}
        status={publish.data ? `Version ${publish.data.publishedVersion} of ${publish.data.code} is published.` : ''}
        onSubmit={() => publish.mutate()}
      >
        <p>New assignments take the published version; learners keep the version they started.</p>
      </ActionForm>
    </>
  );
}

/** A cmi5 package (zip with cmi5.xml) imported as a new draft version: its assignable units become the lessons. */
function Cmi5ImportForm({ course }: { course: CourseView }) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useAction(() => {
    if (!file) throw new Error('Choose the package’s .zip file first.');
    return must(client.POST('/api/training/courses/{id}/cmi5', { params: { path: { id: course.id } }, ...fileBody(file, 'application/zip') }));
  }, [['training']]);
  return (
    <ActionForm
      id="cmi5-import"
      title="Import a cmi5 course package"
      submitLabel="Import the package"
      isPending={upload.isPending}
      error={upload.error}
      status={
        upload.data
          ? upload.data.isNew
            ? `Imported: version ${upload.data.version} has ${upload.data.units} lessons from the package. Review it, then publish.`
            : `This package was imported already, as version ${upload.data.version}.`
          : ''
      }
      onSubmit={() => upload.mutate()}
    >
      <p id="cmi5-file-hint" className="usa-hint">
        A .zip with cmi5.xml at its root, as an authoring tool exports it. Each assignable unit becomes a lesson that learners open from Concord; it is done
        when the unit reports its moveOn criterion met.
      </p>
      <label className="usa-label" htmlFor="cmi5-file">
        Package (.zip)
      </label>
      <input
        className="usa-file-input"
        id="cmi5-file"
        type="file"
        accept=".zip,application/zip"
        aria-describedby="cmi5-file-hint"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
    </ActionForm>
  );
}

/** Every course for its authors, each opening on its own page to edit; a new course opens there at once. */
export function CourseEditor() {
  const courses = useQuery({ queryKey: ['training', 'courses'], queryFn: () => must(client.GET('/api/training/courses')) });
  const navigate = useNavigate();
  return (
    <section aria-labelledby="editor-heading">
      <h2 id="editor-heading">Courses</h2>
      <ErrorAlert error={courses.error} />
      {courses.data ? (
        <TableRegion label="Courses">
          <table className="usa-table usa-table--compact width-full" data-testid="courses">
            <caption>{courses.data.length} courses; open one to edit it</caption>
            <TableHead columns={['Course', 'Category', 'Owner', 'Published version', 'Latest version']} />
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to="/training/courses/$courseId" params={{ courseId: c.id }} className="usa-link">
                      {c.code} — {c.title}
                    </Link>
                  </th>
                  <td>{c.category}</td>
                  <td>{c.owner}</td>
                  <td>{c.publishedVersion ?? 'Not published'}</td>
                  <td>{c.latestVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      <NewCourseForm onCreated={(courseId) => void navigate({ to: '/training/courses/$courseId', params: { courseId } })} />
    </section>
  );
}

/** One course on its own page, for its authors: what it is, and its content to edit, save and publish. */
export function CoursePage({ courseId }: { courseId: string }) {
  const courses = useQuery({ queryKey: ['training', 'courses'], queryFn: () => must(client.GET('/api/training/courses')) });
  const course = courses.data?.find((c) => c.id === courseId);
  return (
    <RecordPage
      noun="Course"
      query={courses}
      record={course}
      title={(course) => `${course.code} — ${course.title}`}
      back={{ to: '/training', label: 'All courses' }}
    >
      {(course) => (
        <>
          <Facts
            testId="course-facts"
            facts={[
              ['Category', course.category],
              ['Owner', course.owner],
              ['Published version', course.publishedVersion === null ? 'Not published' : String(course.publishedVersion)],
              ['Latest version', String(course.latestVersion)],
              ['Lessons', String(course.lessons.length)],
            ]}
          />
          <ContentForm course={course} />
          <Cmi5ImportForm course={course} />
        </>
      )}
    </RecordPage>
  );
}
