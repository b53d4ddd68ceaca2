import type { Member } from './world';

/**
 * The REST API as a script uses it, for what a test needs done without the browser
 * (e.g. another tenant's run to try to reach).
 */
export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, member: Member): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    if (!response.ok) throw new Error(`login of ${member.email}: ${response.status} ${await response.text()}`);
    return new ApiClient(baseUrl, ((await response.json()) as { token: string }).token);
  }

  async get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /** Submits `files` to the exercise with this slug; @returns the new run's id. */
  async submit(slug: string, language: string, files: { name: string; content: string }[]): Promise<string> {
    const exercises = await this.get<{ id: string; slug: string }[]>('/api/v1/exercises');
    const exercise = exercises.find((e) => e.slug === slug);
    if (!exercise) throw new Error(`no exercise "${slug}" among ${exercises.map((e) => e.slug).join(', ')}`);
    const accepted = await this.post<{ runId: string }>(`/api/v1/exercises/${exercise.id}/submissions`, { language, files });
    return accepted.runId;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}
