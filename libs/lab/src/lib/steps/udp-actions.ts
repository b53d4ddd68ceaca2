/**
 * The UDP steps of the step language (udpBind, udpReceive, udpSend, udpClose), performed
 * on the scripted peers' UDP sockets (RFC 768). A port no socket is bound to answers every
 * datagram with ICMP port unreachable (netstack's Host, RFC 1122 §3.2.2.1).
 */
import type { LeafAction } from '@socklab/exercise';
import { parseIpv4, type Endpoint } from '@socklab/netstack';
import type { StepContext } from './step-context';
import { StepFailure, timeoutAfter } from './step-failure';
import { peerOf, portOf } from './step-targets';
import { expectText } from './text-expectation';
import { UdpSocketRecord } from './udp-socket-record';

type UdpAction = Extract<LeafAction, { kind: 'udpBind' | 'udpReceive' | 'udpSend' | 'udpClose' }>;

export async function performUdp(action: UdpAction, ctx: StepContext, budgetMs: number): Promise<void> {
  switch (action.kind) {
    case 'udpBind': {
      const peer = peerOf(action.peer, ctx);
      const port = portOf(action.port, ctx);
      let socket;
      try {
        socket = peer.host.udpBind(port);
      } catch (error) {
        throw new StepFailure(
          'failed',
          `${action.peer} cannot bind UDP port ${port}: ${(error as Error).message}`,
        );
      }
      ctx.udpSockets.set(action.as, new UdpSocketRecord(socket, peer, action.answer, () => ctx.bus.notify()));
      return;
    }
    case 'udpReceive': {
      const record = udpSocketOf(action.socket, ctx);
      const message = await ctx.bus.waitFor(
        () => record.takeNext(),
        budgetMs,
        () => timeoutAfter(budgetMs, () => `no datagram arrived on ${action.socket}, ${record.describe()}`),
        ctx.stop,
      );
      const text = Buffer.from(message.data).toString('utf8');
      expectText(text, action.expect, action.matches, `the datagram on ${action.socket}`);
      return;
    }
    case 'udpSend': {
      const record = udpSocketOf(action.socket, ctx);
      record.sendTo(destinationOf(action, record, ctx), Buffer.from(action.data, 'utf8'));
      return;
    }
    case 'udpClose':
      return udpSocketOf(action.socket, ctx).close();
  }
}

function destinationOf(
  action: Extract<UdpAction, { kind: 'udpSend' }>,
  record: UdpSocketRecord,
  ctx: StepContext,
): Endpoint {
  if (action.to === undefined) {
    const sender = record.lastSender;
    if (sender === undefined) {
      throw new StepFailure(
        'failed',
        `${action.socket} has received no datagram to reply to: wait with udpReceive first, or name the destination with to`,
      );
    }
    return sender;
  }
  const addr = ctx.addressOf(action.to);
  if (addr === undefined) throw new StepFailure('failed', `unknown host '${action.to}'`);
  return { addr: parseIpv4(addr), port: portOf(action.port ?? '{port}', ctx) };
}

function udpSocketOf(name: string, ctx: StepContext): UdpSocketRecord {
  const record = ctx.udpSockets.get(name);
  if (!record) {
    throw new StepFailure('failed', `no UDP socket named '${name}' (an earlier udpBind failed or never ran)`);
  }
  return record;
}
