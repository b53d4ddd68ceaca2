import type { Assignment, Course, ExerciseSummary } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { DueDate } from '../exercises/DueDate';
import { CourseLearners } from './CourseLearners';
import { PublishForm } from './PublishForm';

interface Props {
  course: Course;
  assignments: Assignment[];
  exercises: ExerciseSummary[];
  now: number;
  onPublished(assignment: Assignment): void;
}

/** One course: what is published to it, the form to publish more, and its learners. */
export function CourseSection({ course, assignments, exercises, now, onPublished }: Props) {
  const headingId = `course-${course.id}`;
  return (
    <section aria-labelledby={headingId} className="card course">
      <h2 id={headingId}>{course.name}</h2>
      {assignments.length === 0 ? (
        <p className="muted">Nothing published to this course yet.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Assignments of {course.name}</caption>
          <thead>
            <tr>
              <th scope="col">Assignment</th>
              <th scope="col">Version</th>
              <th scope="col">Due</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={pathTo('exerciseResults', { id: a.exercise.id })}>{a.title}</Link>
                </th>
                <td>
                  <Link to={pathTo('selfTest', { id: a.exercise.id, version: String(a.exercise.version) })}>
                    {a.exercise.version}
                    <span className="visually-hidden"> (its self-tests)</span>
                  </Link>
                </td>
                <td>
                  <DueDate dueAt={a.dueAt} now={now} />
                </td>
                <td>{a.maxAttempts === null ? <span className="muted">unlimited</span> : `at most ${a.maxAttempts}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Publish an exercise version</h3>
      <PublishForm courseId={course.id} courseName={course.name} exercises={exercises} onPublished={onPublished} />
      <CourseLearners courseId={course.id} courseName={course.name} />
    </section>
  );
}
