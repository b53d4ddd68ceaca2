import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { CourseIdParam } from './course-id-param';
import {
  CreateAssignmentRequestSchema,
  CreateCourseRequestSchema,
  CreateEnrollmentRequestSchema,
} from './course-requests';
import type { AssignmentView, CourseView, EnrollmentView, MyAssignmentView } from './course-views';
import { CoursesService } from './courses.service';

const COURSE_EXAMPLE = { id: '3f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b', name: 'Sockets 101', createdAt: '2026-11-23T09:00:00.000Z' };
const ASSIGNMENT_EXAMPLE = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  courseId: COURSE_EXAMPLE.id,
  title: 'Week 1: echo server',
  exercise: { id: '7d1f4a2b-9c3e-4b5d-8e6f-1a2b3c4d5e6f', slug: 'tcp-echo', title: 'TCP echo server', version: 2 },
  publishedAt: '2026-11-23T09:05:00.000Z',
  dueAt: '2026-11-30T23:59:00.000Z',
  maxAttempts: 5,
};
const ENROLLMENT_EXAMPLE = {
  courseId: COURSE_EXAMPLE.id,
  userId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  email: 'ada@example.edu',
  displayName: 'Ada',
  role: 'learner',
  enrolledAt: '2026-11-23T09:02:00.000Z',
};

/** The user id of an enrolment path; a non-UUID is enrolled nowhere. */
const EnrolledUserIdParam = () =>
  Param(
    'userId',
    new ParseUUIDPipe({
      exceptionFactory: () => AppError.notFound('enrollment/not-found', 'No such user is enrolled in this course.'),
    }),
  );

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post()
  @Roles('instructor', 'owner')
  @Scopes('exercises:write')
  @ApiBody({ schema: { example: { name: 'Sockets 101' } } })
  @ApiCreatedResponse({ description: 'The new course.', schema: { example: COURSE_EXAMPLE } })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiUnprocessableEntityResponse({ description: 'request/invalid: name missing or over 200 characters.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<CourseView> {
    return this.courses.create(principal, CreateCourseRequestSchema.parse(body).name);
  }

  @Get()
  @Scopes('exercises:read')
  @ApiOkResponse({
    description: 'Staff: every course of the tenant; learners: the courses they are enrolled in.',
    schema: { example: [COURSE_EXAMPLE] },
  })
  list(@CurrentPrincipal() principal: Principal): Promise<CourseView[]> {
    return this.courses.list(principal);
  }

  @Post(':courseId/enrollments')
  @Roles('instructor', 'owner')
  @Scopes('exercises:write')
  @ApiBody({ schema: { example: { email: ENROLLMENT_EXAMPLE.email } } })
  @ApiCreatedResponse({
    description:
      'The member of the tenant with that email is enrolled in the course. Idempotent: enrolling them again answers the same enrolment.',
    schema: { example: ENROLLMENT_EXAMPLE },
  })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiNotFoundResponse({ description: 'course/not-found; user/not-found: no member of this tenant has that email.' })
  @ApiUnprocessableEntityResponse({ description: 'request/invalid: email missing.' })
  enroll(
    @CurrentPrincipal() principal: Principal,
    @CourseIdParam() courseId: string,
    @Body() body: unknown,
  ): Promise<EnrollmentView> {
    return this.courses.enroll(principal, courseId, CreateEnrollmentRequestSchema.parse(body).email);
  }

  @Get(':courseId/enrollments')
  @Roles('instructor', 'owner')
  @Scopes('exercises:read')
  @ApiOkResponse({ description: 'The course’s enrolled members, oldest enrolment first.', schema: { example: [ENROLLMENT_EXAMPLE] } })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiNotFoundResponse({ description: 'course/not-found' })
  enrollments(@CurrentPrincipal() principal: Principal, @CourseIdParam() courseId: string): Promise<EnrollmentView[]> {
    return this.courses.enrollments(principal, courseId);
  }

  @Delete(':courseId/enrollments/:userId')
  @HttpCode(204)
  @Roles('instructor', 'owner')
  @Scopes('exercises:write')
  @ApiNoContentResponse({ description: 'Unenrolled: the course and its assignments no longer show to them; their runs stay.' })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiNotFoundResponse({ description: 'course/not-found; enrollment/not-found: that user is not enrolled in the course.' })
  unenroll(
    @CurrentPrincipal() principal: Principal,
    @CourseIdParam() courseId: string,
    @EnrolledUserIdParam() userId: string,
  ): Promise<void> {
    return this.courses.unenroll(principal, courseId, userId);
  }

  @Post(':courseId/assignments')
  @Roles('instructor', 'owner')
  @Scopes('exercises:write')
  @ApiBody({
    schema: {
      example: { exerciseId: ASSIGNMENT_EXAMPLE.exercise.id, version: 2, dueAt: ASSIGNMENT_EXAMPLE.dueAt, maxAttempts: 5 },
    },
  })
  @ApiCreatedResponse({
    description: 'The exercise version (the newest when `version` is absent) is published to the course’s learners.',
    schema: { example: ASSIGNMENT_EXAMPLE },
  })
  @ApiConflictResponse({ description: 'assignment/self-test-required: run the version’s self-test first.' })
  @ApiForbiddenResponse({ description: 'auth/forbidden: instructors and owners only.' })
  @ApiNotFoundResponse({ description: 'course/not-found, exercise/not-found, exercise/version-not-found' })
  @ApiUnprocessableEntityResponse({ description: 'request/invalid naming the bad field (maxAttempts: an integer 1–1000 or null).' })
  assign(
    @CurrentPrincipal() principal: Principal,
    @CourseIdParam() courseId: string,
    @Body() body: unknown,
  ): Promise<AssignmentView> {
    return this.courses.assign(principal, courseId, CreateAssignmentRequestSchema.parse(body));
  }
}

@ApiTags('courses')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @Scopes('exercises:read')
  @ApiOkResponse({
    description:
      'The signed-in member’s assignments (learners: of the courses they are enrolled in; staff: all) with their course, best score and attempts spent (of `maxAttempts` when capped). Submit with `assignmentId`.',
    schema: {
      example: [
        { ...ASSIGNMENT_EXAMPLE, course: { id: COURSE_EXAMPLE.id, name: COURSE_EXAMPLE.name }, bestScore: 80, maxScore: 100, attempts: 3 },
      ],
    },
  })
  mine(@CurrentPrincipal() principal: Principal): Promise<MyAssignmentView[]> {
    return this.courses.mine(principal);
  }
}
