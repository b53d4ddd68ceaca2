/**
 * Throughput of the userspace path TAP → switch → TAP against a kernel veth pair,
 * measured in the same run. Needs root and gcc. Run: `npx nx run labnet:bench` or
 * `node -r @swc-node/register libs/labnet/bench/switch-throughput.ts [seconds] [senders]`.
 *
 * Traffic: a C UDP flood (fixtures/udp_flood.c, 18-byte payloads = 60-byte frames, 64
 * datagrams per sendmmsg) from one namespace to the other, SENDERS processes in parallel,
 * so the sender offers more than the path can carry even on a loaded machine (a Python
 * sender topped out near 65k frames/s under load). frames/s = frames the receiving
 * interface counted (rx_packets) during the window. UDP GSO is deliberately not used: a
 * veth passes a GSO super-packet as one packet, which would make the two counts
 * incomparable. Namespaces and devices are named slq-bench-*, live only for the run, and
 * are removed on exit. Also reports the switch's in-process forwarding rate (no kernel, no
 * TAP) and this process's CPU time per forwarded frame.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTap, createVethPair, LabAddressPool, LabNamespace, LearningSwitch, TapDevice } from '../src';

const SECONDS = Number(process.argv[2] ?? 5);
// One sender: it offers ~300k frames/s alone (sendmmsg); a second one on a 2-core runner only
// takes CPU from the switch it is meant to measure.
const SENDERS = Number(process.argv[3] ?? 1);

/** Compiles the flood generator once per run into a temporary directory. */
function buildFlood(dir: string): string {
  const binary = join(dir, 'udp_flood');
  execFileSync('gcc', ['-O2', '-o', binary, join(__dirname, 'fixtures', 'udp_flood.c')]);
  return binary;
}

async function rxPackets(ns: LabNamespace, dev: string): Promise<number> {
  const out = await ns.exec('cat', [`/sys/class/net/${dev}/statistics/rx_packets`]);
  return Number(out.stdout.trim());
}

async function measure(
  flood: string,
  sender: LabNamespace,
  receiver: LabNamespace,
  receiverDev: string,
  ip: string,
) {
  // Warm-up resolves ARP and lets the worker and caches settle.
  await sender.exec(flood, [ip, '0.5'], 30_000);
  const before = await rxPackets(receiver, receiverDev);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const runs = await Promise.all(
    Array.from({ length: SENDERS }, () => sender.exec(flood, [ip, String(SECONDS)], 60_000)),
  );
  const sent = runs.reduce((sum, run) => sum + Number(run.stdout.trim()), 0);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const received = (await rxPackets(receiver, receiverDev)) - before;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    offered: sent / elapsed,
    delivered: received / elapsed,
    cpuMicrosPerFrame: (cpu.user + cpu.system) / Math.max(1, received),
  };
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
  const buildDir = mkdtempSync(join(tmpdir(), 'slq-bench-'));
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

    const flood = buildFlood(buildDir);
    const viaSwitch = await measure(flood, a!, b!, 'slq-bench-b-t', addresses.host(2));
    const viaVeth = await measure(flood, c!, d!, 'slq-bench-vd', addresses.host(4));
    const inProcess = inProcessForwarding();
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
    const load = loadavg().map((n) => n.toFixed(1));
    console.log(
      `window ${SECONDS}s, 60-byte frames, ${SENDERS} UDP flood senders, ${cpus().length} CPUs, load average ${load.join(' ')}`,
    );
    console.log(
      `TAP → switch → TAP   offered ${fmt(viaSwitch.offered)} frames/s   delivered ${fmt(viaSwitch.delivered)} frames/s`,
    );
    console.log(
      `kernel veth pair      offered ${fmt(viaVeth.offered)} frames/s   delivered ${fmt(viaVeth.delivered)} frames/s`,
    );
    console.log(`ratio switch/veth (delivered)  ${(viaSwitch.delivered / viaVeth.delivered).toFixed(3)}`);
    console.log(
      `runner CPU per frame through the switch  ${viaSwitch.cpuMicrosPerFrame.toFixed(2)} µs (read, switch, write incl. the ` +
        `receiving kernel's work in write(2); both threads) → ${fmt(1e6 / viaSwitch.cpuMicrosPerFrame)} frames/s per CPU-second`,
    );
    console.log(
      `switch in-process forwarding   ${fmt(inProcess)} frames/s (known unicast, no hooks, no impairments)`,
    );
    console.log(`target ≥ 100,000 frames/s per port: ${viaSwitch.delivered >= 100_000 ? 'met' : 'NOT met'}`);
  } finally {
    for (const ns of owned) await ns.dispose();
    addresses.release();
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
