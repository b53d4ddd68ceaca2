/**
 * The starters, built and run as the lab would (default toolchain, preset arguments), with
 * peers on the loopback interface: what each prints, sends and how it ends.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_TOOLCHAINS } from '../../toolchain';
import { LANGUAGES, type Language } from '../../vocabulary';
import { playgroundStarter, type PlaygroundRole } from '.';

jest.setTimeout(60_000);

const run = promisify(execFile);
const LOOPBACK = '127.0.0.1';

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'playground-starters-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

/** Builds the starter in its own folder; returns the argv that starts it. */
async function build(role: PlaygroundRole, language: Language): Promise<{ cwd: string; argv: string[] }> {
  const cwd = await mkdtemp(path.join(workDir, `${language}-${role}-`));
  const starter = playgroundStarter(role, language);
  await writeFile(path.join(cwd, starter.name), starter.content);
  const [command, ...args] = DEFAULT_TOOLCHAINS[language].build;
  await run(command, args, { cwd });
  return { cwd, argv: [...DEFAULT_TOOLCHAINS[language].run] };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(program: { cwd: string; argv: string[] }, args: string[]): { done: Promise<Finished> } {
  const [command, ...rest] = program.argv;
  const child = spawn(command, [...rest, ...args], { cwd: program.cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return {
    done: new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      }),
    ),
  };
}

async function peer(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true }, onConnection);
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe.each(LANGUAGES)('the %s starters', (language) => {
  it('client: sends its line, half-closes, prints the echo and exits 0 once the peer closed', async () => {
    const program = await build('client', language);
    let received = '';
    const { server, port } = await peer((socket) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.pipe(socket); // echo; our FIN follows theirs (allowHalfOpen)
    });
    try {
      const finished = await start(program, [LOOPBACK, String(port)]).done;
      expect(finished).toEqual({ code: 0, stdout: 'hello, socklab\n', stderr: '' });
      expect(received).toBe('hello, socklab\n');
    } finally {
      server.close();
    }
  });

  it('client: a peer that answers with RST is reported on stderr, not a crash', async () => {
    const program = await build('client', language);
    const { server, port } = await peer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    try {
      const finished = await start(program, [LOOPBACK, String(port)]).done;
      expect(finished.code).toBe(0);
      expect(finished.stderr).toMatch(/reset/i);
    } finally {
      server.close();
    }
  });

  it('client: a peer that resets the connection at once, whenever the RST lands, is reported, not a crash', async () => {
    const program = await build('client', language);
    // The RST may arrive before the client's send, between it and its shutdown, or after both.
    const { server, port } = await peer((socket) => socket.resetAndDestroy());
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const finished = await start(program, [LOOPBACK, String(port)]).done;
        expect(finished.code).toBe(0);
        expect(finished.stderr).toMatch(/reset|broken pipe/i);
      }
    } finally {
      server.close();
    }
  });

  it('server: echoes a connection until its FIN, then closes it and exits 0', async () => {
    const program = await build('server', language);
    const { server, port } = await peer(() => undefined);
    await new Promise((resolve) => server.close(resolve)); // a free port for the starter
    const serving = start(program, [String(port)]);
    const socket = await connectWhenListening(port);
    let echoed = '';
    socket.on('data', (chunk: Buffer) => (echoed += chunk.toString()));
    const ended = new Promise((resolve) => socket.on('end', resolve));
    socket.end('ping\n'); // data, then our FIN
    await ended;
    expect(echoed).toBe('ping\n');
    expect(await serving.done).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

/** Connects once the program listens (a JVM takes a moment to start). */
async function connectWhenListening(port: number): Promise<Socket> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = createConnection({ host: LOOPBACK, port, allowHalfOpen: true });
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
