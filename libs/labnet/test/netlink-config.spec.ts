/**
 * Real test (root): an interface configured through rtnetlink ends up exactly as the same
 * settings made with ip(8) leave it — links, addresses and routes compared as ip prints
 * them — and failures carry labnet's codes.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync, statSync } from 'node:fs';
import { LabNamespace, TapDevice, configureInterface, inNetns, runIp } from '../src';
import { leftoverLinks, leftoverNamespaces, runningAsRoot } from './helpers/lab-resources';

const PREFIX = 'slq-nl';
const describeAsRoot = runningAsRoot ? describe : describe.skip;
const TAP = `${PREFIX}-t`;

/** What ip shows of a namespace, minus what differs between any two namespaces (ifindex, lifetimes). */
function observed(ns: string): string {
  const show = (args: string[]): string => execFileSync('ip', ['-n', ns, ...args], { encoding: 'utf8' });
  return [show(['-d', 'addr', 'show']), show(['route', 'show', 'table', 'all'])]
    .join('\n')
    .replace(/^\d+: /gm, 'N: ')
    .replace(/valid_lft.*|inet6 .*/g, '');
}

describeAsRoot('rtnetlink configuration', () => {
  const namespaces: LabNamespace[] = [];
  /** The namespace whose TAP the first test configured through rtnetlink. */
  let configured = '';

  afterAll(async () => {
    for (const ns of namespaces) await ns.dispose();
    expect(leftoverNamespaces(PREFIX)).toEqual([]);
    expect(leftoverLinks(PREFIX)).toEqual([]);
  });

  async function namespaceWithTap(name: string): Promise<LabNamespace> {
    const ns = await LabNamespace.create(name);
    namespaces.push(ns);
    return ns;
  }

  it('leaves a TAP exactly as ip(8) leaves it (MTU, MAC, address, up, routes)', async () => {
    const viaIp = await namespaceWithTap(`${PREFIX}-ip`);
    const tapA = await TapDevice.create({ name: TAP });
    await runIp(['link', 'set', 'dev', TAP, 'netns', viaIp.name]);
    for (const args of [
      ['link', 'set', 'dev', TAP, 'mtu', '9000'],
      ['link', 'set', 'dev', TAP, 'address', '02:53:00:01:00:02'],
      ['addr', 'add', '10.201.249.2/24', 'dev', TAP],
      ['link', 'set', 'dev', TAP, 'up'],
      ['route', 'add', 'default', 'via', '10.201.249.1', 'dev', TAP],
      ['route', 'add', '10.201.248.0/24', 'dev', TAP],
    ])
      await runIp(['-n', viaIp.name, ...args]);

    const viaNetlink = await namespaceWithTap(`${PREFIX}-nl`);
    const tapB = await TapDevice.create({ name: TAP });
    await viaNetlink.adoptTap(tapB, {
      mtu: 9000,
      mac: '02:53:00:01:00:02',
      addr: '10.201.249.2/24',
      routes: [{ to: 'default', via: '10.201.249.1' }, { to: '10.201.248.0/24' }],
    });

    expect(observed(viaNetlink.name)).toBe(observed(viaIp.name));
    expect(observed(viaNetlink.name)).toContain('inet 10.201.249.2/24 scope global');
    expect(tapB.netns).toBe(viaNetlink.name);
    configured = viaNetlink.name;
    await tapA.close();
  });

  it('reports a kernel refusal with labnet/netlink-failed and the errno', async () => {
    await expect(configureInterface(configured, TAP, { addr: '10.201.249.2/24' })).rejects.toMatchObject({
      code: 'labnet/netlink-failed',
      message: expect.stringContaining('EEXIST'),
    });
    await expect(configureInterface(configured, 'slq-nl-absent', {})).rejects.toMatchObject({
      code: 'labnet/netlink-failed',
    });
  });

  it('turns IPv6 off before the link comes up: the kernel then sends no IPv6 frame from it', async () => {
    const ETHERTYPE_IPV6 = 0x86dd;
    // Each TAP belongs to its namespace (adoptTap): afterAll's dispose() closes it.
    const ipv6Frames = async (ipv6: boolean | undefined): Promise<{ count: () => number }> => {
      const ns = await namespaceWithTap(`${PREFIX}-6${ipv6 === false ? 'n' : 'y'}`);
      const tap = await TapDevice.create({ name: `${PREFIX}-6${ipv6 === false ? 'n' : 'y'}` });
      let count = 0;
      tap.onFrames((frames) => {
        for (const frame of frames) if (((frame[12] << 8) | frame[13]) === ETHERTYPE_IPV6) count++;
      });
      await ns.adoptTap(tap, { addr: '10.201.247.2/24', ...(ipv6 === undefined ? {} : { ipv6 }) });
      return { count: () => count };
    };
    const withIpv6 = await ipv6Frames(undefined);
    const withoutIpv6 = await ipv6Frames(false);
    // The kernel's default: duplicate address detection and MLD reports go out within a second or so.
    const deadline = Date.now() + 10_000;
    while (withIpv6.count() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(withIpv6.count()).toBeGreaterThan(0);
    expect(withoutIpv6.count()).toBe(0);
    const sysctl = (ns: string, name: string): string =>
      execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-n', `net.ipv6.conf.${name}.disable_ipv6`], {
        encoding: 'utf8',
      }).trim();
    expect(sysctl(`${PREFIX}-6n`, `${PREFIX}-6n`)).toBe('1');
    expect(
      execFileSync('ip', ['-n', `${PREFIX}-6n`, '-6', 'addr', 'show'], { encoding: 'utf8' }),
    ).not.toContain(`${PREFIX}-6n`);
  });

  it('runs code inside a namespace and returns to the runner namespace afterwards', () => {
    const threadNetns = (): string => readlinkSync('/proc/thread-self/ns/net');
    const before = threadNetns();
    expect(inNetns(configured, threadNetns)).toBe(`net:[${statSync(`/run/netns/${configured}`).ino}]`);
    expect(threadNetns()).toBe(before);
    expect(() => inNetns(`${PREFIX}-missing`, () => 1)).toThrow(
      expect.objectContaining({ code: 'labnet/netns-enter-failed' }),
    );
  });
});
