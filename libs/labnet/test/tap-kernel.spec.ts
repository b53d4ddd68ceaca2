/**
 * Real kernel test (root): a TAP moved into a fresh namespace; the namespace's kernel
 * answers an ARP request and an ICMP echo request that we write as raw bytes.
 */
import { FrameIoHub, LabNamespace, TapDevice } from '../src';
import {
  arpRequest,
  ETHERTYPE_IPV4,
  ethernet,
  icmpEchoRequest,
  ipv4,
  isArpReply,
  parseEthernet,
} from './helpers/frames';
import { leftoverLinks, leftoverNamespaces, runningAsRoot, waitFor } from './helpers/lab-resources';

const PREFIX = 'slq-k';
const describeAsRoot = runningAsRoot ? describe : describe.skip;

describeAsRoot('TAP device in a namespace (kernel peer)', () => {
  const ourMac = '02:53:00:00:00:01';
  const kernelIp = '10.201.250.2';
  const ourIp = '10.201.250.1';
  let ns: LabNamespace;
  let tap: TapDevice;
  const received: Uint8Array[] = [];

  beforeAll(async () => {
    ns = await LabNamespace.create(`${PREFIX}-ns`);
    tap = await TapDevice.create({ name: `${PREFIX}-tap` });
    tap.onFrames((frames) => received.push(...frames.map((f) => f.slice())));
    await ns.adoptTap(tap, { addr: `${kernelIp}/24`, mtu: 65521 });
  });

  afterAll(async () => {
    await ns?.dispose();
    expect(leftoverNamespaces(PREFIX)).toEqual([]);
    expect(leftoverLinks(PREFIX)).toEqual([]);
    expect(FrameIoHub.shared().deviceCount).toBe(0);
  });

  it('leaves no interface of that name in the runner namespace after the move', () => {
    expect(tap.netns).toBe(`${PREFIX}-ns`);
    expect(leftoverLinks(PREFIX)).toEqual([]);
  });

  it('gets an ARP reply from the kernel for a hand-built ARP request', async () => {
    tap.send(arpRequest(ourMac, ourIp, kernelIp));
    await waitFor('ARP reply', () => received.some((frame) => isArpReply(frame, kernelIp)));
    const reply = parseEthernet(received.find((frame) => isArpReply(frame, kernelIp))!);
    expect(reply.dst).toBe(ourMac);
  });

  it('gets an ICMP echo reply carrying our payload', async () => {
    const kernelMac = parseEthernet(received.find((frame) => isArpReply(frame, kernelIp))!).src;
    const data = new TextEncoder().encode('socklab echo payload');
    const echo = ipv4(ourIp, kernelIp, 1, icmpEchoRequest(0x5151, 7, data));
    tap.send(ethernet(kernelMac, ourMac, ETHERTYPE_IPV4, echo));
    const isEchoReply = (frame: Uint8Array): boolean => {
      const eth = parseEthernet(frame);
      return eth.etherType === ETHERTYPE_IPV4 && eth.payload[9] === 1 && eth.payload[20] === 0;
    };
    await waitFor('ICMP echo reply', () => received.some(isEchoReply));
    const reply = parseEthernet(received.find(isEchoReply)!).payload;
    expect(reply.subarray(12, 16).join('.')).toBe(kernelIp);
    expect(reply.subarray(16, 20).join('.')).toBe(ourIp);
    expect((reply[24] << 8) | reply[25]).toBe(0x5151);
    expect((reply[26] << 8) | reply[27]).toBe(7);
    expect(new TextDecoder().decode(reply.subarray(28))).toBe('socklab echo payload');
  });

  it('writes a burst of frames sent in one go, in order, and counts them', async () => {
    const kernelMac = parseEthernet(received.find((frame) => isArpReply(frame, kernelIp))!).src;
    const before = tap.stats.txFrames;
    const replies = (): number[] =>
      received
        .map((frame) => parseEthernet(frame))
        .filter((eth) => eth.etherType === ETHERTYPE_IPV4 && eth.payload[9] === 1 && eth.payload[20] === 0)
        .map((eth) => (eth.payload[24] << 8) | eth.payload[25])
        .filter((id) => id >= 0x6000 && id < 0x6000 + 300);
    for (let i = 0; i < 300; i++) {
      const echo = ipv4(ourIp, kernelIp, 1, icmpEchoRequest(0x6000 + i, 1, new Uint8Array(64)));
      tap.send(ethernet(kernelMac, ourMac, ETHERTYPE_IPV4, echo));
    }
    await waitFor('300 echo replies', () => replies().length === 300);
    expect(replies()).toEqual(Array.from({ length: 300 }, (_, i) => 0x6000 + i));
    expect(tap.stats.txFrames - before).toBe(300);
    expect(tap.stats).toMatchObject({ txQueueDrops: 0, txRefused: 0 });
  });

  it('closes promptly and deletes the interface with the fd', async () => {
    const started = Date.now();
    await tap.close();
    expect(Date.now() - started).toBeLessThan(500);
    const links = await ns.exec('ip', ['-o', 'link', 'show']);
    expect(links.stdout).not.toContain(`${PREFIX}-tap`);
    expect(() => tap.send(new Uint8Array(60))).toThrow(
      expect.objectContaining({ code: 'labnet/tap-closed' }),
    );
  });
});
