import { ApiError, apiErrorOf, networkError } from './api-error';

export interface HttpClientOptions {
  /** Prefix of every path, e.g. "" (same origin) or "http://127.0.0.1:3000". */
  baseUrl?: string;
  /** The session token to send, if any. */
  token(): string | null;
  /** Called when the API refuses the token (401): the session has ended. */
  onUnauthenticated(): void;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is with this content type instead of JSON (e.g. exercise.yaml). */
  text?: { content: string; type: string };
  signal?: AbortSignal;
}

/**
 * JSON over fetch with the bearer token. Resolves with the parsed body (undefined for
 * 204); rejects with ApiError, whose code and message come from the API's envelope.
 */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** The raw response of a successful call (downloads). */
  async raw(path: string, signal?: AbortSignal): Promise<Response> {
    return this.send('GET', path, { signal });
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.options.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (options.text) {
      headers['Content-Type'] = options.text.type;
      body = options.text.content;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl ?? ''}${path}`, {
        method,
        headers,
        body,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw networkError(error);
    }
    if (response.ok) return response;
    const error: ApiError = await apiErrorOf(response);
    if (error.status === 401 && token) this.options.onUnauthenticated();
    throw error;
  }
}
