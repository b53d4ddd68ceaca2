/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Assignment, ExerciseSummary } from '../api/types';
import { RouterProvider } from '../app/router';
import { SessionProvider } from '../auth/session-context';
import { PublishForm } from './PublishForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const EXERCISE: ExerciseSummary = {
  id: 'ex-1',
  slug: 'tcp-echo',
  title: 'TCP echo server',
  builtin: false,
  summary: null,
  difficulty: null,
  languages: ['c'],
  latestVersion: { id: 'v-2', version: 2, createdAt: '2026-11-23T09:00:00.000Z' },
};

/** What the API answers to POST /courses/{id}/assignments with `body`. */
function created(body: { maxAttempts?: number | null; dueAt?: string | null }): Assignment {
  return {
    id: 'as-1',
    courseId: 'course-1',
    title: EXERCISE.title,
    exercise: { id: EXERCISE.id, slug: EXERCISE.slug, title: EXERCISE.title, version: 2 },
    publishedAt: '2026-11-23T09:05:00.000Z',
    dueAt: body.dueAt ?? null,
    maxAttempts: body.maxAttempts ?? null,
  };
}

/** Types into a React-controlled input as a person would (React listens for `input`). */
function typeInto(input: HTMLInputElement, value: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setValue?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<PublishForm> maximum attempts', () => {
  let host: HTMLDivElement;
  let root: Root;
  let requests: { method: string; url: string; body: Record<string, unknown> }[];

  beforeEach(() => {
    window.localStorage.setItem(
      'socklab.session',
      JSON.stringify({
        token: 'session-token',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        user: { id: 'u-1', email: 'ins@example.edu', displayName: 'Ins' },
        tenant: { id: 't-1', slug: 'acme', name: 'Acme' },
        role: 'instructor',
      }),
    );
    requests = [];
    globalThis.fetch = jest.fn(async (url: unknown, init?: { method?: string; body?: unknown }) => {
      const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
      requests.push({ method: init?.method ?? 'GET', url: String(url), body });
      return { ok: true, status: 201, json: async () => created(body) } as Response;
    }) as typeof fetch;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() =>
      root.render(
        <SessionProvider>
          <RouterProvider>
            <PublishForm courseId="course-1" courseName="Sockets 101" exercises={[EXERCISE]} onPublished={() => undefined} />
          </RouterProvider>
        </SessionProvider>,
      ),
    );
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    window.localStorage.clear();
  });

  const field = () => {
    const label = Array.from(host.querySelectorAll('label')).find((l) => l.textContent === 'Maximum attempts');
    const input = label ? document.getElementById(label.htmlFor) : null;
    if (!(input instanceof HTMLInputElement)) throw new Error('no input labelled "Maximum attempts"');
    return input;
  };
  const errorOf = (input: HTMLInputElement) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
  const publish = async () => {
    const button = Array.from(host.querySelectorAll('button')).find((b) => b.textContent === 'Publish');
    await act(async () => button?.click());
  };

  it('says beside the field what it takes, and publishes nothing until it is fixed', async () => {
    act(() => typeInto(field(), '0'));
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(field())).toContain('“0” is not a whole number from 1 to 1000. Leave it empty for unlimited attempts.');
    await publish();
    expect(requests).toEqual([]);
    expect(document.activeElement).toBe(field());

    act(() => typeInto(field(), '3'));
    expect(field().getAttribute('aria-invalid')).toBe('false');
    expect(errorOf(field())).not.toContain('not a whole number');
  });

  it('sends the cap as maxAttempts and says so once published', async () => {
    act(() => typeInto(field(), ' 3 '));
    await publish();
    expect(requests).toEqual([
      { method: 'POST', url: '/api/v1/courses/course-1/assignments', body: { exerciseId: 'ex-1', dueAt: null, maxAttempts: 3 } },
    ]);
    expect(host.querySelector('[role="status"]')?.textContent).toBe(
      'Published version 2 of TCP echo server to Sockets 101, at most 3 attempts each.',
    );
    expect(field().value).toBe('');
  });

  it('sends maxAttempts null (unlimited) when the field is empty', async () => {
    await publish();
    expect(requests.map((r) => r.body)).toEqual([{ exerciseId: 'ex-1', dueAt: null, maxAttempts: null }]);
    expect(host.querySelector('[role="status"]')?.textContent).toBe('Published version 2 of TCP echo server to Sockets 101.');
  });
});
