/**
 * The `close` step over the real TCP layer: two scripted peers on an in-memory link, virtual
 * time. The other side writes two lines in one segment (as a kernel's Nagle coalesces them);
 * the script has read only the first when it closes.
 */
import type { LeafAction } from '@socklab/exercise';
import { Host, Link, ScriptedPeer, VirtualClock, parseIpv4, type PeerConnection } from '@socklab/netstack';
import { ConnectionRecord } from './connection-record';
import { performLeaf } from './leaf-actions';
import type { StepContext } from './step-context';

async function closeWithALineUnread(readFirst: boolean) {
  const clock = new VirtualClock();
  const sentFlags: string[] = [];
  const link = new Link({
    latency: 1,
    tap: (frame, _t, from) => {
      // Ethernet + IPv4 (no options) + TCP: the flags byte of segments the script's side sends.
      if (from === 1 && frame[23] === 6)
        sentFlags.push((frame[47] & 0x04 ? 'R' : '') + (frame[47] & 0x01 ? 'F' : ''));
    },
  });
  clock.add(link);
  const [writer, script] = ['writer', 'script'].map((name, i) => {
    const host = new Host({
      name,
      mac: Uint8Array.of(2, 0, 0, 0, 0, i + 1),
      addr: parseIpv4(`10.0.0.${i + 1}`),
      tcpConfig: { isn: { kind: 'seeded', seed: i + 1 }, delayedAck: 0 },
    });
    link.attach(host);
    clock.add(host);
    return new ScriptedPeer(host, clock);
  });
  const listener = script.listen(7);
  const [out, conn]: PeerConnection[] = await clock.run(
    Promise.all([writer.connect({ host: script.host, port: 7 }), listener.accept(1000)]),
  );
  const record = new ConnectionRecord(conn, () => undefined);
  await clock.run(out.send('TICK 3\nTICK 4\n'));
  record.noteReceived(await clock.run(conn.readExactly(7, 1000)));

  const ctx = { connections: new Map([['c1', record]]) } as unknown as StepContext;
  const close: LeafAction = { kind: 'close', conn: 'c1', readFirst };
  await performLeaf(close, ctx, 1000);
  await clock.run(out.waitForState(readFirst ? 'CLOSE_WAIT' : 'CLOSED', 1000));
  return { sentFlags: sentFlags.filter((flags) => flags !== ''), received: record.readSoFar().toString() };
}

describe('the close step', () => {
  it('resets the connection when the script leaves bytes unread, as close() does on Linux', async () => {
    const { sentFlags, received } = await closeWithALineUnread(false);
    expect(sentFlags).toEqual(['R']);
    expect(received).toBe('TICK 3\n');
  });

  it('with readFirst reads what has arrived, records it, and closes with a FIN', async () => {
    const { sentFlags, received } = await closeWithALineUnread(true);
    expect(sentFlags).toEqual(['F']);
    expect(received).toBe('TICK 3\nTICK 4\n');
  });
});
