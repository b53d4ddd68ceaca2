/** Test helper: two netstack hosts (10.9.0.1, 10.9.0.2) wired back to back; `seen` gets a copy of every frame either sends. */
import { Host, parseIpv4, parseMac } from '@socklab/netstack';

export function backToBack(seen: (frame: Uint8Array, from: Host) => void): [Host, Host] {
  const hosts: Host[] = [];
  for (const n of [1, 2]) {
    hosts.push(
      new Host({
        name: `h${n}`,
        mac: parseMac(`02:00:00:00:00:0${n}`),
        addr: parseIpv4(`10.9.0.${n}`),
        transmit: (frame) => {
          seen(frame.slice(), hosts[n - 1]);
          hosts[2 - n].receiveFrame(0, frame);
        },
      }),
    );
  }
  return [hosts[0], hosts[1]];
}
