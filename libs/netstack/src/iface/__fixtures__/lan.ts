/** Two (or more) hosts on one in-memory link, driven by a VirtualClock: 10.0.0.1, 10.0.0.2, … */
import { VirtualClock } from '../../clock/virtual-clock';
import { parseIpv4 } from '../../wire/ip-types';
import { Host, type HostOptions } from '../host';
import { Link } from '../link';
import { fakeTcpFactory, type FakeTcpLayer } from './fake-tcp-layer';

export function macOf(n: number): Uint8Array {
  return Uint8Array.of(0x02, 0, 0, 0, 0, n);
}

export function lan(count = 2, options: Partial<HostOptions> = {}) {
  const clock = new VirtualClock();
  const frames: Array<{ t: number; from: number; frame: Uint8Array }> = [];
  const link = new Link({ tap: (frame, t, from) => frames.push({ t, from, frame }) });
  clock.add(link);
  const fake = fakeTcpFactory();
  const hosts: Host[] = [];
  for (let i = 1; i <= count; i++) {
    const host = new Host({
      name: `h${i}`,
      mac: macOf(i),
      addr: parseIpv4(`10.0.0.${i}`),
      tcpFactory: fake.factory,
      ...options,
    });
    link.attach(host);
    clock.add(host);
    hosts.push(host);
  }
  return { clock, link, hosts, frames, tcp: fake.layers as FakeTcpLayer[] };
}
