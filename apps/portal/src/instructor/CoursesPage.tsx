import { useSignedIn } from '../auth/session-context';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';
import { CourseSection } from './CourseSection';
import { CreateCourseForm } from './CreateCourseForm';

/** Staff: the tenant's courses, creating one, and publishing exercise versions to them. */
export default function CoursesPage() {
  const { api } = useSignedIn();
  const now = useNow(60_000, true);
  const data = useLoad(async (signal) => {
    const [courses, exercises, assignments] = await Promise.all([
      api.listCourses(signal),
      api.listExercises(signal),
      // Staff get every assignment of the tenant's live courses.
      api.listMyAssignments(signal),
    ]);
    return { courses, exercises, assignments };
  }, []);

  return (
    <section>
      <PageTitle>Courses</PageTitle>
      <CreateCourseForm onCreated={data.reload} />
      {data.state === 'loading' && <Loading what="the courses" />}
      {data.state === 'failed' && <ErrorAlert error={data.error} title="The courses could not be loaded." />}
      {data.state === 'ready' && data.data.courses.length === 0 && <p>No course yet. Create one above.</p>}
      {data.state === 'ready' &&
        data.data.courses.map((course) => (
          <CourseSection
            key={course.id}
            course={course}
            assignments={data.data.assignments.filter((a) => a.courseId === course.id)}
            exercises={data.data.exercises}
            now={now}
            onPublished={data.reload}
          />
        ))}
    </section>
  );
}
