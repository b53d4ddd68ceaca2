import type { SelfTestSolutionResult } from '../api/types';
import { selfTestVerdict, solutionVerdict } from './self-test-verdict';

const result = (over: Partial<SelfTestSolutionResult>): SelfTestSolutionResult => ({
  kind: 'reference',
  name: 'reference',
  language: 'c',
  ok: true,
  score: 100,
  maxScore: 100,
  gradable: true,
  failedChecks: [],
  expectedFailures: [],
  problems: [],
  durationMs: 4000,
  build: { ok: true, output: '' },
  checks: [],
  ...over,
});

describe('solutionVerdict', () => {
  it('a reference with full marks passes and needs no fix', () => {
    expect(solutionVerdict(result({}))).toEqual({
      solution: 'Reference solution',
      language: 'c',
      expected: 'full marks (100 / 100), no failed check',
      actual: '100 / 100, fails: no check',
      ok: true,
      fixes: [],
    });
  });

  it('a reference failing a check is told which check and where to fix it', () => {
    const verdict = solutionVerdict(result({ ok: false, score: 85, failedChecks: ['server-time-wait'] }));
    expect(verdict.actual).toBe('85 / 100, fails: server-time-wait');
    expect(verdict.fixes).toEqual([
      'The reference fails “server-time-wait”: fix solutions/reference/c/, or the check if it expects the wrong thing.',
    ]);
  });

  it('a faulty solution that passes a check it must fail, and fails another', () => {
    const verdict = solutionVerdict(
      result({
        kind: 'faulty',
        name: 'never-closes',
        ok: false,
        score: 75,
        failedChecks: ['greeting-first', 'server-time-wait'],
        expectedFailures: ['server-closes-first', 'server-time-wait'],
      }),
    );
    expect(verdict.solution).toBe('Faulty solution “never-closes”');
    expect(verdict.expected).toBe('fails exactly: server-closes-first, server-time-wait');
    expect(verdict.fixes).toEqual([
      'It passes server-closes-first, which it must fail: make the fault show in solutions/faulty/never-closes/c/, or remove it from its mustFail.',
      'It also fails greeting-first: add it to its mustFail if that is part of the fault, otherwise fix solutions/faulty/never-closes/c/.',
    ]);
  });

  it('a solution that did not build says so instead of a score', () => {
    const verdict = solutionVerdict(result({ ok: false, score: 0, build: { ok: false, output: 'main.c:1: error' } }));
    expect(verdict.actual).toBe('did not build');
    expect(verdict.fixes).toEqual(['It did not build: fix the code in solutions/reference/c/ (compiler output below).']);
  });
});

describe('selfTestVerdict', () => {
  const progress = { finished: 1, total: 3 };
  it('while it runs: how far it got', () => {
    expect(selfTestVerdict({ status: 'running', progress, results: [], error: null }).headline).toBe(
      'Running: 1 of 3 solutions finished',
    );
    expect(selfTestVerdict({ status: 'queued', progress, results: [], error: null }).tone).toBe('pending');
  });

  it('failed: counts the solutions that broke their promise', () => {
    const results = [result({}), result({ kind: 'faulty', name: 'x', ok: false })];
    const verdict = selfTestVerdict({ status: 'failed', progress: { finished: 2, total: 2 }, results, error: null });
    expect(verdict).toMatchObject({ tone: 'error', headline: 'Failed: 1 of 2 solutions did not behave as documented' });
  });

  it('error: the API’s reason, and that it says nothing about the exercise', () => {
    const verdict = selfTestVerdict({
      status: 'error',
      progress,
      results: [],
      error: { code: 'runner/lost', message: 'the runner stopped' },
    });
    expect(verdict.detail).toBe('the runner stopped (runner/lost). This says nothing about the exercise: run the self-test again.');
  });

  it('passed', () => {
    expect(selfTestVerdict({ status: 'passed', progress, results: [result({})], error: null })).toMatchObject({
      tone: 'ok',
      headline: 'Passed',
    });
  });
});
