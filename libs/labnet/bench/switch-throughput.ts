/**
 * Throughput of the userspace path TAP → switch → TAP against a kernel veth pair,
 * measured in the same run. Needs root. Run: `npx nx run labnet:bench` or
 * `node -r @swc-node/register libs/labnet/bench/switch-throughput.ts [seconds]`.
 *
 * Traffic: a Python UDP flood (18-byte payloads, 60-byte frames) from one namespace to
 * the other, SENDERS processes in parallel; frames/s = frames the receiving interface
 * counted (rx_packets) during the window. UDP GSO is deliberately not used: a veth passes
 * a GSO super-packet as one packet, which would make the two counts incomparable. Namespaces
 * and devices are named slq-bench-*, live only for the run, and are removed on exit.
 * Also reports the switch's in-process forwarding rate (no kernel, no TAP).
 */
import { connectTap, createVethPair, LabAddressPool, LabNamespace, LearningSwitch, TapDevice } from '../src';

const SECONDS = Number(process.argv[2] ?? 5);
const SENDERS = Number(process.argv[3] ?? 2);
const FLOOD = (ip: string, seconds: number): string[] => [
  '-c',
  [
    'import socket, time',
    's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
    `d = b'x' * 18; a = ('${ip}', 9); n = 0; end = time.time() + ${seconds}`,
    'while time.time() < end:',
    '    for _ in range(2000):',
    '        try: s.sendto(d, a); n += 1',
    '        except OSError: pass',
    'print(n)',
  ].join('\n'),
];

async function rxPackets(ns: LabNamespace, dev: string): Promise<number> {
  const out = await ns.exec('cat', [`/sys/class/net/${dev}/statistics/rx_packets`]);
  return Number(out.stdout.trim());
}

async function measure(sender: LabNamespace, receiver: LabNamespace, receiverDev: string, ip: string) {
  // Warm-up resolves ARP and lets the worker and caches settle.
  await sender.exec('python3', FLOOD(ip, 0.5), 30_000);
  const before = await rxPackets(receiver, receiverDev);
  const started = process.hrtime.bigint();
  const runs = await Promise.all(
    Array.from({ length: SENDERS }, () => sender.exec('python3', FLOOD(ip, SECONDS), 60_000)),
  );
  const sent = runs.reduce((sum, run) => sum + Number(run.stdout.trim()), 0);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const received = (await rxPackets(receiver, receiverDev)) - before;
  return { offered: sent / elapsed, delivered: received / elapsed };
}

function inProcessForwarding(): number {
  const lanSwitch = new LearningSwitch();
  let delivered = 0;
  const inputA = lanSwitch.attach({ id: 1, name: 'a', deliver: () => delivered++ });
  lanSwitch.attach({ id: 2, name: 'b', deliver: () => delivered++ });
  const mac = (last: number) => [0x02, 0x53, 0, 0, 0, last];
  const toB = new Uint8Array(60);
  toB.set(mac(2), 0);
  toB.set(mac(1), 6);
  const fromB = new Uint8Array(60);
  fromB.set(mac(1), 0);
  fromB.set(mac(2), 6);
  lanSwitch.attach({ id: 3, name: 'c', deliver: () => undefined })(fromB);
  lanSwitch.detach(3);
  const inputB = lanSwitch.attach({ id: 3, name: 'b2', deliver: () => undefined });
  inputB(fromB);
  const frames = 2_000_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < frames; i++) inputA(toB);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return delivered > 0 ? frames / seconds : 0;
}

async function main(): Promise<void> {
  const owned: LabNamespace[] = [];
  const addresses = new LabAddressPool({ pool: '10.201.240.0/20' }).allocate();
  try {
    const [a, b, c, d] = await Promise.all(
      ['a', 'b', 'c', 'd'].map((s) => LabNamespace.create(`slq-bench-${s}`)),
    );
    owned.push(a!, b!, c!, d!);
    const lanSwitch = new LearningSwitch();
    const ids = [1, 2];
    for (const [ns, n] of [
      [a!, 1],
      [b!, 2],
    ] as const) {
      const tap = await TapDevice.create({ name: `${ns.name}-t` });
      connectTap(lanSwitch, tap, ids[n - 1]!);
      await ns.adoptTap(tap, { addr: addresses.hostCidr(n), mac: addresses.mac(n) });
    }
    await createVethPair({ ns: c!, name: 'slq-bench-vc' }, { ns: d!, name: 'slq-bench-vd' });
    await c!.configure('slq-bench-vc', { addr: addresses.hostCidr(3) });
    await d!.configure('slq-bench-vd', { addr: addresses.hostCidr(4) });

    const viaSwitch = await measure(a!, b!, 'slq-bench-b-t', addresses.host(2));
    const viaVeth = await measure(c!, d!, 'slq-bench-vd', addresses.host(4));
    const inProcess = inProcessForwarding();
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
    console.log(
      `window ${SECONDS}s, 60-byte frames, ${SENDERS} UDP flood senders, ${require('node:os').cpus().length} CPUs`,
    );
    console.log(
      `TAP → switch → TAP   offered ${fmt(viaSwitch.offered)} frames/s   delivered ${fmt(viaSwitch.delivered)} frames/s`,
    );
    console.log(
      `kernel veth pair      offered ${fmt(viaVeth.offered)} frames/s   delivered ${fmt(viaVeth.delivered)} frames/s`,
    );
    console.log(`ratio switch/veth (delivered)  ${(viaSwitch.delivered / viaVeth.delivered).toFixed(3)}`);
    console.log(
      `switch in-process forwarding   ${fmt(inProcess)} frames/s (known unicast, no hooks, no impairments)`,
    );
    console.log(`target ≥ 100,000 frames/s per port: ${viaSwitch.delivered >= 100_000 ? 'met' : 'NOT met'}`);
  } finally {
    for (const ns of owned) await ns.dispose();
    addresses.release();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
