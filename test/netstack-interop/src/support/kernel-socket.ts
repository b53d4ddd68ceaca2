/**
 * A real Linux TCP socket inside a lab namespace, driven request by request through
 * kernel_socket.py. Every request has a deadline; a failed syscall rejects with a
 * `KernelSocketError` carrying the errno name (e.g. 'ECONNRESET').
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import type { LabNamespace } from '@socklab/labnet';

const SCRIPT = path.join(__dirname, 'kernel_socket.py');

export class KernelSocketError extends Error {
  constructor(
    readonly op: string,
    readonly errno: string | null,
    message: string,
  ) {
    super(`kernel ${op} failed: ${errno ?? ''} ${message}`);
  }
}

interface Reply {
  id: number;
  ok: boolean;
  errno?: string | null;
  error?: string;
  [field: string]: unknown;
}

export interface Digest {
  bytes: number;
  sha256: string;
  eof?: boolean;
}

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

export class KernelSocket {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stdoutTail = '';
  private stderr = '';
  private exited = false;
  private readonly stdin: Writable;

  private constructor(private readonly child: ChildProcess) {
    const { stdin, stdout, stderr } = child;
    if (!stdin || !stdout || !stderr) throw new Error('kernel_socket.py was started without pipes');
    this.stdin = stdin;
    stdout.setEncoding('utf8');
    stdout.on('data', (chunk: string) => this.consume(chunk));
    stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.once('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`kernel_socket.py exited (${code ?? signal}): ${this.stderr.trim()}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
  }

  /** Starts the controller in `ns` and waits until it reads requests. */
  static async start(ns: LabNamespace): Promise<KernelSocket> {
    const socket = new KernelSocket(ns.spawn('python3', ['-u', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] }));
    await socket.awaitReply(0, 'start', 10_000);
    return socket;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  listen(port: number, options: { rcvbuf?: number; sndbuf?: number } = {}): Promise<Reply> {
    return this.request('listen', { port, ...options });
  }

  async accept(timeoutMs = 10_000): Promise<string> {
    return (await this.request('accept', {}, timeoutMs)).peer as string;
  }

  async connect(host: string, port: number, options: { rcvbuf?: number; timeoutMs?: number } = {}) {
    const { timeoutMs, ...rest } = options;
    return (await this.request('connect', { host, port, ...rest }, timeoutMs ?? 10_000)).local as string;
  }

  keepalive(idleSec: number, intervalSec: number, count: number): Promise<Reply> {
    return this.request('keepalive', { idle: idleSec, interval: intervalSec, count });
  }

  /** Sends `size` random bytes; resolves once the kernel took all of them (sendall). */
  async send(size: number, timeoutMs = 60_000): Promise<Digest> {
    return digestOf(await this.request('send', { size }, timeoutMs));
  }

  /** Reads `size` bytes, or up to EOF when size is omitted. */
  async recv(size?: number, timeoutMs = 60_000): Promise<Digest> {
    return digestOf(await this.request('recv', size === undefined ? {} : { size }, timeoutMs));
  }

  shutdownWrite(): Promise<Reply> {
    return this.request('shutdown_wr', {});
  }

  close(): Promise<Reply> {
    return this.request('close', {});
  }

  /** Kills the controller (by its own pid) if it still runs. */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private request(op: string, fields: Record<string, unknown>, timeoutMs = 10_000): Promise<Reply> {
    const id = this.nextId++;
    const reply = this.awaitReply(id, op, timeoutMs);
    this.stdin.write(JSON.stringify({ id, op, ...fields }) + '\n');
    return reply;
  }

  private awaitReply(id: number, op: string, timeoutMs: number): Promise<Reply> {
    if (this.exited) return Promise.reject(new Error(`kernel_socket.py is gone (${op})`));
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`kernel ${op} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          if (reply.ok) resolve(reply);
          else reject(new KernelSocketError(op, reply.errno ?? null, reply.error ?? ''));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private consume(chunk: string): void {
    const lines = (this.stdoutTail + chunk).split('\n');
    this.stdoutTail = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const reply = JSON.parse(line) as Reply;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    }
  }
}

function digestOf(reply: Reply): Digest {
  return {
    bytes: reply.bytes as number,
    sha256: reply.sha256 as string,
    eof: reply.eof as boolean | undefined,
  };
}
