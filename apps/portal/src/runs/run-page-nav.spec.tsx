/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { RunDetail } from '../api/types';
import { App } from '../app/App';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The live feed stays offline: a socket that never connects.
jest.mock('socket.io-client', () => ({
  io: () => ({
    on: () => undefined,
    emit: () => undefined,
    connect: () => undefined,
    disconnect: () => undefined,
  }),
}));

const FINISHED = '2026-11-23T09:00:05.000Z';

function finishedRun(id: string, of: Pick<RunDetail, 'exercise' | 'playground'>): RunDetail {
  return {
    id,
    status: 'done',
    attempt: 1,
    ...of,
    submission: { id: `sub-${id}`, userId: 'u-1', language: 'c', createdAt: '2026-11-23T09:00:00.000Z' },
    createdAt: '2026-11-23T09:00:00.000Z',
    queuedAt: '2026-11-23T09:00:00.000Z',
    buildingAt: '2026-11-23T09:00:01.000Z',
    runningAt: '2026-11-23T09:00:02.000Z',
    gradingAt: '2026-11-23T09:00:04.000Z',
    finishedAt: FINISHED,
    score: null,
    maxScore: null,
    gradable: true,
    error: null,
    report: null,
  };
}

const RUNS: Record<string, RunDetail> = {
  'run-play': finishedRun('run-play', {
    exercise: null,
    playground: { presetId: 'three-way-close', title: 'FIN merged with ACK (three-way close)' },
  }),
  'run-graded': finishedRun('run-graded', {
    exercise: { id: 'ex-1', slug: 'half-close-echo', title: 'Half-close echo', version: 1 },
    playground: null,
  }),
};

/** The API: the runs above, no stored files, an empty run list, and 404 for anything else. */
async function api(url: string): Promise<Response> {
  const reply = (status: number, body: unknown) =>
    ({ ok: status < 400, status, json: async () => body }) as Response;
  const run = /^\/api\/v1\/runs\/([^/?]+)(\/artifacts)?$/.exec(url);
  if (run && RUNS[run[1]]) return reply(200, run[2] ? { artifacts: [] } : RUNS[run[1]]);
  if (url.startsWith('/api/v1/runs')) return reply(200, []);
  return reply(404, { code: 'not-found', message: 'not found' });
}

describe('the main navigation on a run’s page', () => {
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    window.localStorage.setItem(
      'socklab.session',
      JSON.stringify({
        token: 'session-token',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        user: { id: 'u-1', email: 'learner@example.edu', displayName: 'Lea' },
        tenant: { id: 't-1', slug: 'acme', name: 'Acme' },
        role: 'learner',
      }),
    );
    globalThis.fetch = jest.fn((url: unknown) => api(String(url))) as typeof fetch;
    window.scrollTo = () => undefined; // jsdom has none; the router scrolls up on navigation
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    window.localStorage.clear();
  });

  async function open(path: string): Promise<void> {
    window.history.pushState(null, '', path);
    await act(async () => root.render(<App />));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  const navLink = (label: string) =>
    Array.from(host.querySelectorAll('nav[aria-label="Main"] a')).find((a) => a.textContent === label);
  const highlighted = () =>
    Array.from(host.querySelectorAll('nav[aria-label="Main"] a[aria-current="page"]')).map(
      (a) => a.textContent,
    );

  it('a playground run’s page highlights Playground, not My runs', async () => {
    await open('/runs/run-play');
    expect(host.querySelector('h1')?.textContent).toContain('Playground: FIN merged with ACK');
    expect(highlighted()).toEqual(['Playground']);
  });

  it('an exercise run’s page highlights My runs', async () => {
    await open('/runs/run-graded');
    expect(host.querySelector('h1')?.textContent).toContain('Half-close echo');
    expect(highlighted()).toEqual(['My runs']);
  });

  it('the claim ends with the page: from a playground run to My runs, My runs is highlighted', async () => {
    await open('/runs/run-play');
    await act(async () => (navLink('My runs') as HTMLAnchorElement).click());
    expect(window.location.pathname).toBe('/runs');
    expect(highlighted()).toEqual(['My runs']);
  });
});
