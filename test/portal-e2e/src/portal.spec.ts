/**
 * The portal in Debian's Chromium against the real service: the API (serving the portal's
 * production build), a runner running the lab, PostgreSQL and Redis. Screenshots of the
 * key screens are kept in artifacts/portal-e2e.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newLaptopContext, screenshot, signIn } from './support/browser';
import { expectText } from './support/expect-text';
import { ApiClient } from './support/api-client';
import { greetingWeek2Folder, WEEK2_TITLE } from './support/exercise-folder';
import { wallClock } from './support/local-time';
import { GREETING_SERVER, HALF_CLOSE_ECHO } from './support/paths';
import { buildPortal } from './support/portal-build';
import { startSocklabService, type SocklabService } from './support/socklab-service';
import { seedWorld, type World } from './support/world';

// Each test drives whole lab runs; Jest's testTimeout is global, not per project.
jest.setTimeout(300_000);

const EXERCISE_TITLE = 'Echo until the client half-closes';
const source = (relative: string) => readFile(path.join(HALF_CLOSE_ECHO, relative), 'utf8');

const COURSE = 'Sockets 101';
/** The instructor and the learner are on machines in different time zones. */
const INSTRUCTOR_TZ = 'Europe/Berlin';
const LEARNER_TZ = 'Pacific/Auckland';
const HOUR = 3_600_000;
/** When the instructor's test sets the assignment due: 3 days and 2 hours ahead, to the minute. */
let assignmentDue: Date | null = null;

let portalDir: string;
let service: SocklabService<World>;
let browser: Browser;

beforeAll(async () => {
  portalDir = await buildPortal();
  service = await startSocklabService(portalDir, seedWorld);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (portalDir) await rm(portalDir, { recursive: true, force: true });
}, 60_000);

/** Replaces the editor's text as typing would, and checks the editor holds exactly that. */
async function writeCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Source file main.c' });
  await editor.fill(code);
  await expectDraft(page, code);
}

async function expectDraft(page: Page, code: string): Promise<void> {
  const drafts = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('socklab.draft.'))
      .map((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { name: string; content: string }[]),
  );
  expect(drafts.flat().find((file) => file.name === 'main.c')?.content).toBe(code);
}

/** Submits and returns once the run page shows a finished run with its score. */
async function submitAndWatch(page: Page, label: string): Promise<{ score: string; liveEvents: number }> {
  let liveEvents = 0;
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    socket.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"run:event"')) liveEvents++;
    });
  });
  await page.getByRole('button', { name: 'Submit and run' }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Progress' }).waitFor();
  const score = page.locator('.run-score');
  try {
    // The ladder fills in while the program runs.
    await page.locator('svg.ladder-svg .arrow').first().waitFor({ timeout: 120_000 });
    await screenshot(page, `${label}-live`);
    await score.waitFor({ timeout: 180_000 });
    await page.getByText('Drawn from the run’s trace.json').waitFor({ timeout: 60_000 });
  } catch (error) {
    await screenshot(page, `${label}-stuck`);
    throw error;
  }
  return { score: (await score.textContent()) ?? '', liveEvents };
}

describe('the portal, end to end', () => {
  it('a learner fixes a faulty half-close echo server while watching it run', async () => {
    const { learnerA } = service.seeded;
    const context = await newLaptopContext(browser, service.baseUrl);
    const page = await context.newPage();
    await signIn(page, learnerA.email, learnerA.password);
    await screenshot(page, 'exercise-list');

    await page.getByRole('link', { name: EXERCISE_TITLE }).click();
    await page.getByRole('heading', { name: EXERCISE_TITLE, level: 1 }).waitFor();
    await page.getByLabel('Language').selectOption('c');
    // The statement is the exercise's statement.md, rendered from Markdown.
    expect(await page.locator('.statement h2, .statement h1').count()).toBeGreaterThan(0);
    await writeCode(page, await source('solutions/faulty/closes-after-first-read/c/main.c'));
    await screenshot(page, 'exercise-page');

    const faulty = await submitAndWatch(page, 'faulty');
    expect(faulty.liveEvents).toBeGreaterThan(0);
    expect(faulty.score).not.toMatch(/^100 \/ 100$/);
    // Phases all passed, with times.
    expect(await page.locator('.phase-done').count()).toBe(5);

    // The ladder diagram draws the handshake with relative numbers and the server's states.
    const ladder = page.locator('svg.ladder-svg');
    await expectText(ladder.locator('.arrow-label').nth(0), 'SYN seq=0 len=0');
    await expectText(ladder.locator('.arrow-label').nth(1), 'SYN+ACK seq=0 ack=1 len=0');
    expect(await ladder.locator('.state-mark', { hasText: 'ESTABLISHED' }).count()).toBeGreaterThan(0);

    // The failed check explains itself and points at its evidence in the diagram.
    const noReset = page.locator('.check', { hasText: 'The connection ends without RST' }).first();
    await expectText(noReset.locator('.check-status'), 'Failed');
    expect(await noReset.locator('.check-explanation').textContent()).toMatch(/unread/);
    await noReset.getByRole('button', { name: /Show the evidence/ }).click();
    const evidence = ladder.locator('.arrow.is-highlighted').first();
    await evidence.waitFor();
    await expectText(evidence, 'RST');
    await expectText(page.locator('#ladder-selection'), 'RST');
    await screenshot(page, 'faulty-evidence');

    // Fix the code and submit again: full marks.
    await page.getByRole('link', { name: 'back to the exercise' }).click();
    await page.getByRole('heading', { name: EXERCISE_TITLE, level: 1 }).waitFor();
    await writeCode(page, await source('solutions/reference/c/main.c'));
    // Full marks on a loaded machine too: the RST its kernel may send after the connection
    // ended (for the client's duplicate ACK of a late FIN probe) is not counted against it.
    const fixed = await submitAndWatch(page, 'fixed');
    await screenshot(page, 'fixed-full-marks');
    const failed = await page.locator('.check-fail').allTextContents();
    expect({ score: fixed.score, failed }).toEqual({ score: '100 / 100', failed: [] });

    // 2,000 one-byte segments: the diagram keeps only the rows in view in the page, and the
    // keyboard reaches the last segment.
    await page.getByRole('tab', { name: 'The same conversation cut into 1-byte segments' }).click();
    const diagram = page.getByRole('group', { name: /^Ladder diagram/ });
    const total = Number(/, (\d+) segments\./.exec((await diagram.getAttribute('aria-label')) ?? '')?.[1]);
    expect(total).toBeGreaterThan(2000);
    const rowsInPage = () => page.locator('svg.ladder-svg .arrow').count();
    expect(await rowsInPage()).toBeLessThan(60);
    await diagram.focus();
    await page.keyboard.press('End');
    await expectText(page.locator('#ladder-selection'), `Segment ${total} of ${total}`);
    expect(await rowsInPage()).toBeLessThan(60);
    await screenshot(page, 'fixed-one-byte-segments-end');

    // The history lists both runs.
    await page.getByRole('link', { name: 'My runs' }).click();
    await page.getByRole('heading', { name: 'My runs' }).waitFor();
    await page.locator('table.data-table tbody tr').nth(1).waitFor();
    expect(await page.locator('table.data-table tbody tr').count()).toBe(2);
    await context.close();
  });

  it('a learner of another tenant reaches none of it through the portal', async () => {
    const { learnerA, learnerB } = service.seeded;
    const apiA = await ApiClient.signIn(service.baseUrl, learnerA);
    const runPath = `/runs/${await apiA.submit('half-close-echo', 'c', [
      { name: 'main.c', content: await source('solutions/reference/c/main.c') },
    ])}`;
    const exercisePath = `/exercises/${(await apiA.get<{ id: string; slug: string }[]>('/api/v1/exercises')).find((e) => e.slug === 'half-close-echo')?.id}`;

    const context = await newLaptopContext(browser, service.baseUrl);
    const page = await context.newPage();
    await signIn(page, learnerB.email, learnerB.password);
    await expectText(page.locator('.who'), 'University B');
    for (const [path, what] of [
      [runPath, 'run'],
      [exercisePath, 'exercise'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      await expectText(page.locator('main'), `There is no such ${what}`);
    }
    await screenshot(page, 'other-tenant-not-found');
    await page.getByRole('link', { name: 'My runs' }).click();
    await page.getByText('No run yet').waitFor();
    // Nor through the API with the session the portal holds.
    const status = await page.evaluate(async (path) => {
      const session = JSON.parse(localStorage.getItem('socklab.session') ?? '{}') as { token?: string };
      const response = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${session.token}` } });
      return response.status;
    }, runPath);
    expect(status).toBe(404);
    await context.close();
  });

  it('an instructor uploads an exercise folder: sees the error inline, fixes it, publishes it, and its self-test passes', async () => {
    const { instructorA } = service.seeded;
    const folder = await greetingWeek2Folder();
    const context = await newLaptopContext(browser, service.baseUrl, { timezoneId: INSTRUCTOR_TZ });
    const page = await context.newPage();
    try {
      await signIn(page, instructorA.email, instructorA.password);
      await page.getByRole('link', { name: 'Author' }).click();
      await page.getByRole('heading', { name: 'Author an exercise' }).waitFor();
      await page.getByLabel('Upload an exercise folder').setInputFiles(folder.dir);
      await expectText(page.locator('#folder-hint'), 'greeting-server-week2');
      await expectText(page.locator('#folder-hint'), 'solutions/faulty/never-closes');
      // The problem is listed in words and underlined in the editor.
      await expectText(page.locator('#yaml-problems'), 'scenarios[0].steps[0].connect.peer');
      await expectText(page.locator('#yaml-problems'), 'clinet');
      // A problem's position takes the editor there, where the value is underlined.
      await page.locator('#yaml-problems').getByRole('button', { name: /^line \d+, column \d+$/ }).first().click();
      await page.locator('.cm-lintRange-error').first().waitFor();
      expect(await page.getByRole('button', { name: 'Publish a new version' }).isDisabled()).toBe(true);
      await screenshot(page, 'author-error');

      await page.getByRole('textbox', { name: 'exercise.yaml' }).fill(folder.valid);
      await expectText(page.locator('#yaml-problems'), 'No problem found.');
      await page.getByRole('button', { name: 'Publish a new version' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'version' }), `Published version 1 of ${WEEK2_TITLE}`);
      await screenshot(page, 'author-published');

      // Not assignable before a self-test passed: the refusal says so and links to that self-test.
      const coursesPage = await context.newPage();
      await coursesPage.goto('/courses');
      await coursesPage.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
      await coursesPage.getByLabel('Course name').fill(COURSE);
      await coursesPage.getByRole('button', { name: 'Create course' }).click();
      const newCourse = coursesPage.getByRole('region', { name: COURSE });
      await expectText(newCourse, 'Nothing published to this course yet.');
      await newCourse.getByLabel('Exercise', { exact: true }).selectOption({ label: WEEK2_TITLE });
      await newCourse.getByRole('button', { name: 'Publish', exact: true }).click();
      await expectText(newCourse.getByRole('alert'), 'Version 1 of "greeting-server-week2" has not passed a self-test');
      await expectText(newCourse.getByRole('alert'), '(assignment/self-test-required)');
      await screenshot(coursesPage, 'courses-self-test-required');
      await newCourse.getByRole('link', { name: 'Run the self-test of version 1' }).click();
      await coursesPage.getByRole('heading', { name: `Self-test — ${WEEK2_TITLE}`, level: 1 }).waitFor();
      await expectText(coursesPage.getByRole('region', { name: 'Self-test of version 1' }), 'None yet.');
      await coursesPage.close();

      // The self-test runs both solutions through the lab; the page polls it to its verdict.
      const panel = page.getByRole('region', { name: 'Self-test of version 1' });
      await expectText(panel, 'None yet.');
      await panel.getByRole('button', { name: 'Run self-test' }).click();
      const verdict = panel.locator('.self-test-verdict');
      await expectText(verdict, 'Self-test ', 15_000);
      try {
        await expectText(verdict, 'Self-test Passed.', 240_000);
      } catch (error) {
        await screenshot(page, 'author-self-test-stuck');
        throw error;
      }
      const rows = await panel.locator('table.self-test-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim()).slice(0, 5)),
      );
      expect(rows.map(([solution, language, expected, , verdictCell]) => [solution, language, expected, verdictCell]).sort()).toEqual([
        ['Faulty solution “never-closes”', 'c', 'fails exactly: server-closes-first, server-time-wait', 'Pass'],
        ['Reference solution', 'c', 'full marks (100 / 100), no failed check', 'Pass'],
      ]);
      expect(rows.find(([solution]) => solution === 'Reference solution')?.[3]).toMatch(/^100 \/ 100, fails: no check/);
      // What the page says is what the API recorded.
      const recorded = await page.evaluate(async () => {
        const session = JSON.parse(localStorage.getItem('socklab.session') ?? '{}') as { token?: string };
        const headers = { Authorization: `Bearer ${session.token}` };
        const exercises = (await (await fetch('/api/v1/exercises', { headers })).json()) as { id: string; slug: string }[];
        const id = exercises.find((e) => e.slug === 'greeting-server-week2')?.id;
        const selfTests = (await (await fetch(`/api/v1/exercises/${id}/versions/1/self-tests`, { headers })).json()) as {
          status: string;
          results: { name: string; ok: boolean; failedChecks: string[] }[];
        }[];
        return selfTests.map((t) => ({ status: t.status, results: t.results.map((r) => `${r.name}:${r.ok}:${r.failedChecks.join(',')}`).sort() }));
      });
      expect(recorded).toEqual([
        { status: 'passed', results: ['never-closes:true:server-closes-first,server-time-wait', 'reference:true:'] },
      ]);
      // The version's self-tests list it.
      await expectText(panel.locator('table.self-test-history tbody'), 'Passed');
      await expectText(panel.locator('table.self-test-history tbody'), '2 of 2');
      await screenshot(page, 'author-self-test-passed');

      await page.getByRole('link', { name: WEEK2_TITLE }).click();
      await page.getByRole('heading', { name: WEEK2_TITLE, level: 1 }).waitFor();

      // Self-tested, the version is published to the course, due in the instructor's local time.
      const due = new Date(Date.now() + 3 * 24 * HOUR + 2 * HOUR);
      due.setUTCSeconds(0, 0);
      await page.getByRole('link', { name: 'Courses' }).click();
      const course = page.getByRole('region', { name: COURSE });
      await expectText(course, 'Nothing published to this course yet.');
      await course.getByLabel('Exercise', { exact: true }).selectOption({ label: WEEK2_TITLE });
      await course.getByLabel('Due (optional, your local time)').fill(wallClock(due, INSTRUCTOR_TZ));
      await course.getByRole('button', { name: 'Publish', exact: true }).click();
      await expectText(course.getByRole('status').filter({ hasText: 'Published' }), `Published version 1 of ${WEEK2_TITLE} to ${COURSE}.`);
      const assigned = course.locator('table tbody tr', { hasText: WEEK2_TITLE });
      await expectText(assigned, 'due in 3 days');
      expect(await assigned.locator('time').getAttribute('datetime')).toBe(due.toISOString());

      // Learners are enrolled by email: a member of another tenant is no one here.
      const { learnerA, learnerB } = service.seeded;
      const email = course.getByLabel('Learner’s email');
      await email.fill(learnerB.email);
      await course.getByRole('button', { name: 'Enrol', exact: true }).click();
      await expectText(course.getByRole('alert'), '(user/not-found)');
      await email.fill(learnerA.email);
      await course.getByRole('button', { name: 'Enrol', exact: true }).click();
      await expectText(
        course.getByRole('status').filter({ hasText: 'enrolled' }),
        `${learnerA.displayName} (${learnerA.email}) is enrolled in ${COURSE}.`,
      );
      await expectText(course.getByRole('table', { name: `Learners of ${COURSE}` }), learnerA.email);
      await screenshot(page, 'courses-published');
      assignmentDue = due;
    } finally {
      await context.close();
      await rm(path.dirname(folder.dir), { recursive: true, force: true });
    }
  });
  it('the learner enrolled in the course sees the assignment and its due date in their own time zone, and submits for it', async () => {
    const { learnerA } = service.seeded;
    if (!assignmentDue) throw new Error('the instructor test did not publish the assignment and enrol the learner');
    const due = assignmentDue;

    const context = await newLaptopContext(browser, service.baseUrl, { timezoneId: LEARNER_TZ, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await signIn(page, learnerA.email, learnerA.password);
      const mine = page.getByRole('region', { name: 'My assignments' });
      const card = mine.locator('li', { hasText: WEEK2_TITLE });
      await expectText(card, COURSE);
      const facts = () =>
        card.locator('dl').evaluate((dl) => {
          const terms = Array.from(dl.querySelectorAll('dt'), (dt) => (dt.textContent ?? '').trim());
          const values = Array.from(dl.querySelectorAll('dd'), (dd) => (dd.textContent ?? '').trim());
          return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
        });
      const localDue = due.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: LEARNER_TZ });
      expect(await facts()).toMatchObject({
        Course: COURSE,
        Exercise: `${WEEK2_TITLE} (version 1)`,
        Due: `${localDue} due in 3 days`,
        'Best score': 'not graded yet',
        Attempts: '0',
      });
      expect(await card.locator('time').getAttribute('datetime')).toBe(due.toISOString());
      // The built-in exercises stay listed.
      await page.getByRole('link', { name: EXERCISE_TITLE }).waitFor();
      await screenshot(page, 'learner-assignments');

      // Its page says which assignment it is; the submission counts for it.
      await card.getByRole('link', { name: WEEK2_TITLE }).click();
      await page.getByRole('heading', { name: WEEK2_TITLE, level: 1 }).waitFor();
      const banner = page.getByRole('region', { name: `Assignment: ${WEEK2_TITLE}` });
      await expectText(banner, COURSE);
      await expectText(banner, 'due in 3 days');
      await page.getByRole('textbox', { name: 'Source file main.c' }).fill(
        await readFile(path.join(GREETING_SERVER, 'solutions/reference/c/main.c'), 'utf8'),
      );
      const graded = await submitAndWatch(page, 'assignment');
      expect(graded.score).toBe('100 / 100');

      await page.getByRole('link', { name: 'Exercises', exact: true }).click();
      await expectText(card, '100 / 100');
      expect(await facts()).toMatchObject({ 'Best score': '100 / 100', Attempts: '1' });
      // What the page shows is what the API recorded for this learner.
      const recorded = await (await ApiClient.signIn(service.baseUrl, learnerA)).get<
        { title: string; dueAt: string | null; attempts: number; bestScore: number | null }[]
      >('/api/v1/assignments');
      expect(recorded.map(({ title, dueAt, attempts, bestScore }) => ({ title, dueAt, attempts, bestScore }))).toEqual([
        { title: WEEK2_TITLE, dueAt: due.toISOString(), attempts: 1, bestScore: 100 },
      ]);
      await screenshot(page, 'learner-assignment-graded');
    } finally {
      await context.close();
    }
  });

  it('a learner runs the playground’s starter client against the echo-server preset and watches it live, not graded', async () => {
    const { learnerA } = service.seeded;
    const context = await newLaptopContext(browser, service.baseUrl);
    const page = await context.newPage();
    try {
      await signIn(page, learnerA.email, learnerA.password);
      await page.getByRole('link', { name: 'Playground', exact: true }).click();
      await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
      await page.getByLabel('Peer behaviour').selectOption({ label: 'Echo server' });
      await expectText(page.locator('#preset-description'), 'sends back every byte it receives');
      await expectText(page.locator('#role-note'), 'Your program is the client: it is started as ./prog {host} {port}');
      await page.getByLabel('Language').selectOption('c');
      // The editor holds the starter client.
      await expectText(page.getByRole('textbox', { name: 'Source file main.c' }), 'Playground client: connects to the peer');
      await screenshot(page, 'playground');

      let liveEvents = 0;
      page.on('websocket', (socket) => {
        if (!socket.url().includes('/socket.io/')) return;
        socket.on('framereceived', ({ payload }) => {
          if (String(payload).includes('"run:event"')) liveEvents++;
        });
      });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
      const runId = page.url().split('/').at(-1) ?? '';
      await page.getByRole('heading', { name: /^Playground: Echo server — run of / }).waitFor();
      const ladder = page.locator('svg.ladder-svg');
      try {
        await ladder.locator('.arrow').first().waitFor({ timeout: 120_000 });
        await screenshot(page, 'playground-live');
        await page.locator('.badge-done').waitFor({ timeout: 180_000 });
        await page.getByText('Drawn from the run’s trace.json').waitFor({ timeout: 60_000 });
      } catch (error) {
        await screenshot(page, 'playground-stuck');
        throw error;
      }
      expect(liveEvents).toBeGreaterThan(0);
      await expectText(page.locator('.run-summary'), 'not graded');
      expect(await page.locator('.run-score').count()).toBe(0);
      await expectText(page.getByRole('region', { name: 'Checks' }), 'A playground run has no checks');
      // The whole conversation: handshake, the line and its echo, both FINs.
      await expectText(ladder.locator('.arrow-label').nth(0), 'SYN seq=0 len=0');
      await expectText(ladder.locator('.arrow-label').nth(1), 'SYN+ACK seq=0 ack=1 len=0');
      expect(await ladder.locator('.arrow-label', { hasText: 'FIN' }).count()).toBeGreaterThanOrEqual(2);
      // The client closes first: its socket leaves ESTABLISHED for FIN_WAIT_1.
      expect(await ladder.locator('.state-mark', { hasText: 'FIN_WAIT_1' }).count()).toBeGreaterThan(0);
      await expectText(page.getByRole('log', { name: 'Build and program output' }), 'hello, socklab');
      await screenshot(page, 'playground-done');

      // The API records a finished playground run, and lists it apart from exercise runs.
      const api = await ApiClient.signIn(service.baseUrl, learnerA);
      expect(await api.get<{ status: string; exercise: unknown; playground: unknown }>(`/api/v1/runs/${runId}`)).toMatchObject({
        status: 'done',
        exercise: null,
        playground: { presetId: 'echo-server', title: 'Echo server' },
      });
      expect((await api.get<{ id: string }[]>('/api/v1/runs?limit=100')).map((r) => r.id)).not.toContain(runId);
      expect((await api.get<{ id: string }[]>('/api/v1/runs?kind=playground')).map((r) => r.id)).toEqual([runId]);

      await page.getByRole('link', { name: 'back to the playground' }).click();
      await page.getByRole('heading', { name: 'Playground', level: 1 }).waitFor();
      expect(await page.getByLabel('Peer behaviour').inputValue()).toBe('echo-server');
      const recent = page.getByRole('region', { name: 'Recent playground runs' });
      await expectText(recent.locator('table tbody tr'), 'Playground: Echo server');
      expect(await recent.locator('table tbody tr').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
