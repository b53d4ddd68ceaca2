/**
 * A dependency the API needs to serve requests. `/readyz` asks every probe; a probe
 * resolves when its dependency answers and rejects with the reason when it does not.
 */
export interface DependencyProbe {
  readonly name: string;
  check(): Promise<void>;
}

export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');

/** Rejects after `ms` so that one hung dependency cannot hang the readiness endpoint. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
