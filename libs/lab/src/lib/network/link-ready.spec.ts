/**
 * Real kernel test (root): a TAP brought up in a fresh namespace is ready once its kernel
 * answers the ARP Probe, the probe leaves no neighbour entry behind, and a link that never
 * comes up is reported by name.
 */
import { execFileSync } from 'node:child_process';
import { TapDevice, configureInterface, runIp } from '@socklab/labnet';
import { waitUntilLinkTransmits } from './link-ready';

const runningAsRoot = process.getuid?.() === 0;
const describeAsRoot = runningAsRoot ? describe : describe.skip;
const NS = `slt-lr-${process.pid}`;
const ADDR = '10.209.250.2';

describeAsRoot('waitUntilLinkTransmits', () => {
  let tap: TapDevice | null = null;

  beforeEach(async () => {
    await runIp(['netns', 'add', NS]);
    tap = await TapDevice.create({ name: `sltlr${process.pid % 100_000}` });
    await tap.moveToNetns(NS);
  });

  afterEach(async () => {
    await tap?.close();
    tap = null;
    await runIp(['netns', 'delete', NS]);
  });

  it('resolves once the kernel answers on a link that was just brought up', async () => {
    const device = tap as TapDevice;
    await configureInterface(NS, device.name, { addr: `${ADDR}/24`, mac: '02:53:00:fa:00:02' });
    await expect(waitUntilLinkTransmits(device, ADDR, 10_000)).resolves.toBeUndefined();
  });

  it('leaves no neighbour entry in the namespace (the probe has no sender address)', async () => {
    const device = tap as TapDevice;
    await configureInterface(NS, device.name, { addr: `${ADDR}/24`, mac: '02:53:00:fa:00:02' });
    await waitUntilLinkTransmits(device, ADDR, 10_000);
    const neighbours = execFileSync('ip', ['-n', NS, 'neigh', 'show'], { encoding: 'utf8' });
    expect(neighbours.trim()).toBe('');
  });

  it('rejects with the interface name when the link never answers', async () => {
    const device = tap as TapDevice;
    await configureInterface(NS, device.name, { addr: `${ADDR}/24`, up: false });
    await expect(waitUntilLinkTransmits(device, ADDR, 300)).rejects.toThrow(
      `the kernel did not answer on ${device.name} within 300 ms of link-up`,
    );
  });
});
