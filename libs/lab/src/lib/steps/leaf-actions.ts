/**
 * The leaf actions of the step language (libs/exercise/src/schema/steps.ts), performed on
 * the scripted peers, the links and the learner programs. Each gets the time left of its
 * step's budget and throws StepFailure when it does not succeed.
 */
import type { LeafAction } from '@socklab/exercise';
import { parseIpv4, type PeerConnection } from '@socklab/netstack';
import { ConnectionRecord } from './connection-record';
import { generateBytes } from './generated-bytes';
import { expandReceived } from './received-placeholders';
import type { StepContext } from './step-context';
import { StepFailure, stepFailureOf, timeoutAfter } from './step-failure';
import { peerOf, portOf } from './step-targets';
import { expectText } from './text-expectation';
import { performUdp } from './udp-actions';

type Action<K extends LeafAction['kind']> = Extract<LeafAction, { kind: K }>;

export async function performLeaf(action: LeafAction, ctx: StepContext, budgetMs: number): Promise<void> {
  try {
    await perform(action, ctx, budgetMs);
  } catch (error) {
    throw stepFailureOf(error);
  }
}

async function perform(action: LeafAction, ctx: StepContext, budgetMs: number): Promise<void> {
  switch (action.kind) {
    case 'connect':
      return connect(action, ctx, budgetMs);
    case 'listen': {
      const port = portOf(action.port, ctx);
      ctx.listeners.set(
        `${action.peer}:${port}`,
        peerOf(action.peer, ctx).listen(port, { backlog: action.backlog }),
      );
      return;
    }
    case 'accept': {
      const port = portOf(action.port, ctx);
      const listener = ctx.listeners.get(`${action.peer}:${port}`);
      if (!listener)
        throw new StepFailure(
          'failed',
          `${action.peer} has no listener on port ${port}: add a listen step first`,
        );
      ctx.connections.set(action.as, record(await listener.accept(budgetMs), ctx));
      return;
    }
    case 'send':
      return send(action, ctx, budgetMs);
    case 'readLine': {
      const conn = connectionOf(action.conn, ctx);
      const line = await conn.connection.readLine(budgetMs);
      conn.noteReceived(Buffer.from(`${line}\n`));
      expectText(line, action.expect, action.matches, `line on ${action.conn}`);
      return;
    }
    case 'readExactly': {
      const conn = connectionOf(action.conn, ctx);
      const data = await conn.connection.readExactly(action.bytes, budgetMs);
      conn.noteReceived(data);
      expectText(
        Buffer.from(data).toString('utf8'),
        action.expect,
        undefined,
        `${action.bytes} bytes on ${action.conn}`,
      );
      return;
    }
    case 'readToEof':
      return readToEof(action, ctx, budgetMs);
    case 'echo':
      return echo(connectionOf(action.conn, ctx), budgetMs);
    case 'shutdownWrite':
      return connectionOf(action.conn, ctx).connection.shutdownWrite();
    case 'close': {
      const conn = connectionOf(action.conn, ctx);
      if (action.readFirst) await conn.drain();
      conn.connection.close();
      return;
    }
    case 'abort':
      return connectionOf(action.conn, ctx).connection.abort();
    case 'pauseReading':
      return connectionOf(action.conn, ctx).connection.pauseReading();
    case 'resumeReading':
      return connectionOf(action.conn, ctx).connection.resumeReading();
    case 'crash':
      return peerOf(action.peer, ctx).crash();
    case 'reboot':
      return peerOf(action.peer, ctx).reboot();
    case 'refuse':
      return peerOf(action.peer, ctx).refuse(action.port === undefined ? 'all' : portOf(action.port, ctx));
    case 'blackhole':
      return peerOf(action.peer, ctx).blackhole(action.port === undefined ? 'all' : portOf(action.port, ctx));
    case 'puppet':
      throw new StepFailure('failed', 'puppet steps are not supported by this lab engine yet');
    case 'udpBind':
    case 'udpReceive':
    case 'udpSend':
    case 'udpClose':
      return performUdp(action, ctx, budgetMs);
    case 'impairment': {
      const impairment = ctx.impairments.get(action.id);
      if (!impairment) throw new StepFailure('failed', `no impairment '${action.id}' in this scenario`);
      impairment.active = action.active;
      return;
    }
    case 'start': {
      const problem = await ctx.learners.start(action.host, budgetMs);
      if (problem !== null) throw new StepFailure('failed', problem);
      return;
    }
    case 'signal':
      return ctx.learners.signal(action.host, action.signal);
    case 'restart':
      return restart(action, ctx, budgetMs);
    case 'waitExit':
      if (!(await ctx.learners.waitExit(action.host, budgetMs)))
        throw timeoutAfter(budgetMs, () => `the program of ${action.host} is still running`);
      return;
  }
}

async function connect(action: Action<'connect'>, ctx: StepContext, budgetMs: number): Promise<void> {
  const addr = ctx.addressOf(action.to);
  if (addr === undefined) throw new StepFailure('failed', `unknown host '${action.to}'`);
  const connection = await peerOf(action.peer, ctx).connect(
    { addr: parseIpv4(addr), port: portOf(action.port, ctx) },
    { timeoutMs: budgetMs, ...(action.localPort !== undefined ? { localPort: action.localPort } : {}) },
  );
  ctx.connections.set(action.as, record(connection, ctx));
}

async function send(action: Action<'send'>, ctx: StepContext, budgetMs: number): Promise<void> {
  const conn = connectionOf(action.conn, ctx);
  const data =
    action.data !== undefined
      ? Buffer.from(
          expandReceived(action.data, () => conn.readSoFar()),
          'utf8',
        )
      : generateBytes(action.bytes ?? 0, action.pattern ?? 'random', ctx.seed + ctx.outcomes.length);
  // Recorded before queueing: a send cut short by a reset still shows what the script meant to send.
  conn.noteSent(data);
  await conn.connection.send(data, {
    segmentation: action.segmentation,
    push: action.push,
    timeoutMs: budgetMs,
  });
}

async function readToEof(action: Action<'readToEof'>, ctx: StepContext, budgetMs: number): Promise<void> {
  const conn = connectionOf(action.conn, ctx);
  let data: Uint8Array;
  try {
    data = await conn.connection.readToEof(budgetMs);
  } catch (error) {
    const failure = stepFailureOf(error);
    if (failure.status === 'timeout') {
      throw timeoutAfter(budgetMs, () => `received ${conn.bytesArrived} bytes on ${action.conn}, no FIN`);
    }
    throw failure;
  }
  conn.noteReceived(data);
  if (action.expectBytes !== undefined && data.length !== action.expectBytes) {
    throw new StepFailure(
      'failed',
      `expected ${action.expectBytes} bytes before EOF on ${action.conn}, got ${data.length}`,
    );
  }
  expectText(
    Buffer.from(data).toString('utf8'),
    action.expect,
    action.matches,
    `data before EOF on ${action.conn}`,
  );
}

/** Echoes every byte as it arrives until the other side's FIN. */
async function echo(conn: ConnectionRecord, budgetMs: number): Promise<void> {
  const deadline = performance.now() + budgetMs;
  for (;;) {
    let first: Uint8Array;
    try {
      first = await conn.connection.readExactly(1, Math.max(0, deadline - performance.now()));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'peer/eof') return;
      throw error;
    }
    const rest =
      conn.connection.available > 0 ? await conn.connection.readExactly(conn.connection.available, 0) : null;
    const data = rest ? Buffer.concat([first, rest]) : Buffer.from(first);
    conn.noteReceived(data);
    conn.noteSent(data);
    await conn.connection.send(data, { timeoutMs: Math.max(0, deadline - performance.now()) });
  }
}

async function restart(action: Action<'restart'>, ctx: StepContext, budgetMs: number): Promise<void> {
  const deadline = performance.now() + budgetMs;
  await ctx.learners.terminate(action.host, action.signal);
  if (!(await ctx.learners.waitExit(action.host, budgetMs))) {
    throw timeoutAfter(budgetMs, () => `the program of ${action.host} did not exit after ${action.signal}`);
  }
  const problem = await ctx.learners.start(action.host, Math.max(0, deadline - performance.now()));
  if (problem !== null) throw new StepFailure('failed', problem);
}

function record(connection: PeerConnection, ctx: StepContext): ConnectionRecord {
  return new ConnectionRecord(connection, () => ctx.bus.notify());
}

function connectionOf(name: string, ctx: StepContext): ConnectionRecord {
  const conn = ctx.connections.get(name);
  if (!conn)
    throw new StepFailure(
      'failed',
      `no connection named '${name}' (an earlier connect/accept failed or never ran)`,
    );
  return conn;
}
