/**
 * Our TCP stack against the Linux kernel over a real TAP, and the kernel against itself
 * over a veth pair, measured in the same run. Needs root.
 *
 *   npx nx run netstack-interop:bench
 *   node -r @swc-node/register test/netstack-interop/bench/throughput.ts [MiB=200] [mtu=65521] [syns=500]
 *
 * The default MTU is the largest a lab TAP takes (MAX_LAB_MTU), as issue 3's target
 * allows ("≥ 1 Gbit/s … larger MTU allowed"): per-frame costs (a write(2) per frame, the
 * frame worker's hand-over) then weigh least. Pass 9000 or 1500 to see them.
 *
 * Throughput: one bulk TCP stream of MiB mebibytes; the receiver times first byte → EOF
 * (kernel receiver: python3 in the namespace; our receiver: process.hrtime in this
 * process). MSS = MTU − 40 on every side. Reaction time: the kernel connects `syns` times
 * to our listener; for each SYN we time, with process.hrtime, from the frame's hand-over
 * to Host.receiveFrame until the Host transmits the SYN-ACK. The kernel's connect()
 * duration (a full round trip through TAP, frame worker and stack) is printed alongside.
 * Namespaces and devices are named sli-b*, live only for the run, and are removed on exit.
 */
import * as os from 'node:os';
import { createVethPair, LabNamespace, MAX_LAB_MTU, TapDevice } from '@socklab/labnet';
import { Host, LiveDriver, parseIpv4, parseMac, type TcpSocket } from '@socklab/netstack';
import { summarise } from '../src/support/frame-gate';
import { leftovers } from '../src/support/interop-lab';

const MIB = Number(process.argv[2] ?? 200);
const MTU = Number(process.argv[3] ?? MAX_LAB_MTU);
const SYNS = Number(process.argv[4] ?? 500);
const BYTES = MIB * 1024 * 1024;
const PORT = 5501;
const KERNEL = '10.204.200.1';
const STACK = '10.204.200.2';

/** python3 programs: a counting sink that times first byte → EOF, and a source. */
const SINK = `
import socket, sys, time, json
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(('0.0.0.0', int(sys.argv[1]))); l.listen(1); print('ready', flush=True)
c, _ = l.accept(); buf = bytearray(1 << 20); n = 0; first = None
while True:
    k = c.recv_into(buf)
    if first is None: first = time.perf_counter()
    if k == 0: break
    n += k
print(json.dumps({'bytes': n, 'seconds': time.perf_counter() - first}), flush=True)
`;
const SOURCE = `
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2])))
block = bytes(range(256)) * 4096; left = int(sys.argv[3])
while left > 0:
    left -= c.send(block[:min(left, len(block))])
c.shutdown(socket.SHUT_WR); c.recv(1); c.close()
`;
const CONNECTOR = `
import socket, sys, time, json, struct
times, errors = [], []
for _ in range(int(sys.argv[3])):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    t = time.perf_counter()
    try:
        s.connect((sys.argv[1], int(sys.argv[2]))); times.append(time.perf_counter() - t)
    except OSError as e:
        errors.append('%s:%s' % (s.getsockname()[1], e.strerror))
    s.close()
print(json.dumps({'times': times, 'errors': errors}), flush=True)
`;

interface Rate {
  bytes: number;
  seconds: number;
  /** CPU time of this process (all its threads) during the transfer, when measured here. */
  cpuSeconds?: number;
}
const mbps = (r: Rate) => (r.bytes * 8) / r.seconds / 1e6;

/**
 * CPU seconds this process spends per GiB moved: the runner's own cost, which other load
 * on the machine skews much less than Mbit/s (it slows us down; it does not add our work).
 */
const cpuPerGib = (r: Rate) => ((r.cpuSeconds ?? NaN) / r.bytes) * 2 ** 30;

/** Runs `transfer` and adds the CPU time this process used meanwhile. */
async function withCpu(transfer: () => Promise<Rate>): Promise<Rate> {
  const before = process.cpuUsage();
  const rate = await transfer();
  const used = process.cpuUsage(before);
  return { ...rate, cpuSeconds: (used.user + used.system) / 1e6 };
}

function lines(child: ReturnType<LabNamespace['spawn']>): AsyncIterableIterator<string> {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let tail = '';
  let done = false;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const parts = (tail + chunk).split('\n');
    tail = parts.pop() ?? '';
    queue.push(...parts.filter((p) => p.trim() !== ''));
    wake?.();
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.once('exit', () => {
    done = true;
    wake?.();
  });
  const iterator: AsyncIterableIterator<string> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      while (queue.length === 0) {
        if (done) throw new Error(`process exited early: ${stderr.trim()}`);
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      return { value: queue.shift() as string, done: false };
    },
  };
  return iterator;
}

async function nextLine(it: AsyncIterableIterator<string>): Promise<string> {
  return (await it.next()).value as string;
}

/** A netstack Host on a TAP in `ns`, with reaction-time instrumentation in the glue. */
async function stackLab(ns: LabNamespace) {
  const tap = await TapDevice.create({ name: 'sli-bench-t' });
  await ns.adoptTap(tap, { addr: `${KERNEL}/24`, mtu: MTU });
  const driver = new LiveDriver();
  const host = new Host({
    mac: parseMac('02:cc:04:c8:00:02'),
    addr: parseIpv4(STACK),
    mtu: MTU,
    tcpConfig: {
      mss: MTU - 40,
      receiveBufferSize: 4 << 20,
      sendBufferSize: 4 << 20,
      windowScale: 7,
      isn: { kind: 'seeded', seed: 1 },
    },
  });
  driver.add(host);
  const synArrivals = new Map<number, bigint>();
  const reactionsNs: number[] = [];
  let measuring = false;
  host.setTransmit((frame) => {
    if (measuring) {
      const s = summarise(frame, 0, 'toKernel');
      if (s?.syn && s.hasAck) {
        const at = synArrivals.get(s.dstPort);
        if (at !== undefined) reactionsNs.push(Number(process.hrtime.bigint() - at));
        synArrivals.delete(s.dstPort);
      }
    }
    tap.send(frame);
  });
  tap.onFrames((frames) => {
    for (const frame of frames) {
      if (measuring) {
        const s = summarise(frame, 0, 'toStack');
        if (s?.syn && !s.hasAck) synArrivals.set(s.srcPort, process.hrtime.bigint());
      }
      host.receiveFrame(driver.now(), frame);
    }
    driver.kick();
  });
  /** Calls into a socket with the driver's time, then re-arms the driver. */
  const act = <T>(body: (now: number) => T): T => {
    const now = driver.now();
    host.noteTime(now);
    try {
      return body(now);
    } finally {
      driver.kick();
    }
  };
  return {
    host,
    driver,
    tap,
    act,
    reactionsNs,
    measure: (on: boolean) => (measuring = on),
  };
}

type StackLab = Awaited<ReturnType<typeof stackLab>>;

async function kernelToStack(ns: LabNamespace, lab: StackLab): Promise<Rate> {
  const listener = lab.act((now) => lab.host.tcp.listen(now, PORT));
  const result = new Promise<Rate>((resolve) => {
    listener.onConnection(() => {
      const socket = listener.accept() as TcpSocket;
      let bytes = 0;
      let first: bigint | null = null;
      socket.on('data', () => {
        first ??= process.hrtime.bigint();
        bytes += lab.act((now) => socket.read(now)).length;
      });
      socket.on('eof', () => {
        bytes += lab.act((now) => socket.read(now)).length;
        const seconds = Number(process.hrtime.bigint() - (first ?? 0n)) / 1e9;
        lab.act((now) => socket.close(now));
        resolve({ bytes, seconds });
      });
    });
  });
  const source = ns.spawn('python3', ['-c', SOURCE, STACK, String(PORT), String(BYTES)]);
  const rate = await result;
  await new Promise((resolve) => source.once('exit', resolve));
  lab.act((now) => listener.close(now));
  return rate;
}

async function stackToKernel(ns: LabNamespace, lab: StackLab): Promise<Rate> {
  const sink = ns.spawn('python3', ['-c', SINK, String(PORT + 1)]);
  const out = lines(sink);
  await nextLine(out);
  const socket = lab.act((now) => lab.host.tcp.connect(now, { addr: parseIpv4(KERNEL), port: PORT + 1 }));
  const block = new Uint8Array(1 << 20).map((_, i) => i & 0xff);
  let left = BYTES;
  const pump = () => {
    while (left > 0) {
      const taken = lab.act((now) => socket.send(now, block.subarray(0, Math.min(left, block.length))));
      if (taken === 0) return;
      left -= taken;
    }
    lab.act((now) => socket.shutdownWrite(now));
  };
  socket.on('writable', () => {
    if (left > 0) pump();
  });
  socket.on('state', (t) => {
    if (t.to === 'ESTABLISHED') pump();
  });
  const rate = JSON.parse(await nextLine(out)) as Rate;
  lab.act((now) => socket.close(now));
  return rate;
}

async function vethRate(a: LabNamespace, b: LabNamespace): Promise<Rate> {
  const sink = b.spawn('python3', ['-c', SINK, String(PORT)]);
  const out = lines(sink);
  await nextLine(out);
  a.spawn('python3', ['-c', SOURCE, '10.204.201.2', String(PORT), String(BYTES)]);
  return JSON.parse(await nextLine(out)) as Rate;
}

async function reaction(ns: LabNamespace, lab: StackLab): Promise<{ stack: number[]; connect: number[] }> {
  const listener = lab.act((now) => lab.host.tcp.listen(now, PORT + 2, { backlog: 1024 }));
  // Accepted and left alone: the kernel's SO_LINGER 0 close resets each one. Aborting here
  // instead would race the RST against the connecting thread's wake-up (connect() → ECONNRESET).
  listener.onConnection(() => {
    while (listener.accept() !== null);
  });
  lab.measure(true);
  const connector = ns.spawn('python3', ['-c', CONNECTOR, STACK, String(PORT + 2), String(SYNS)]);
  const outcome = JSON.parse(await nextLine(lines(connector))) as { times: number[]; errors: string[] };
  if (outcome.errors.length > 0)
    console.log(`connect() failures: ${outcome.errors.length}: ${outcome.errors.slice(0, 5).join(', ')}`);
  const connectSeconds = outcome.times;
  lab.measure(false);
  lab.act((now) => listener.close(now));
  return { stack: lab.reactionsNs.map((ns) => ns / 1e6), connect: connectSeconds.map((s) => s * 1000) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const owned: LabNamespace[] = [];
  try {
    const stackNs = await LabNamespace.create('sli-bench');
    owned.push(stackNs);
    const [va, vb] = [await LabNamespace.create('sli-bench-va'), await LabNamespace.create('sli-bench-vb')];
    owned.push(va, vb);
    await createVethPair({ ns: va, name: 'sli-bench-a' }, { ns: vb, name: 'sli-bench-b' });
    await va.configure('sli-bench-a', { addr: '10.204.201.1/24', mtu: MTU });
    await vb.configure('sli-bench-b', { addr: '10.204.201.2/24', mtu: MTU });
    const lab = await stackLab(stackNs);

    const down = await withCpu(() => kernelToStack(stackNs, lab));
    const up = await withCpu(() => stackToKernel(stackNs, lab));
    const veth = await vethRate(va, vb);
    const { stack, connect } = await reaction(stackNs, lab);
    lab.driver.stop();

    const f = (n: number, d = 0) => n.toFixed(d).padStart(8);
    const load = os.loadavg().map((n) => n.toFixed(1));
    console.log(`load average ${load.join(' ')} (other work on the machine skews every figure below)`);
    const tapStats = lab.tap.stats;
    console.log(
      `TAP frames rx ${tapStats.rxFrames} tx ${tapStats.txFrames}, tx dropped on a full queue ${tapStats.txQueueDrops}`,
    );
    console.log(
      `${MIB} MiB per stream, MTU ${MTU} (MSS ${MTU - 40}), ${os.cpus().length} CPUs, node ${process.version}`,
    );
    console.log(
      `kernel → stack over TAP    ${f(mbps(down))} Mbit/s   ratio to veth ${(mbps(down) / mbps(veth)).toFixed(3)}   runner CPU ${cpuPerGib(down).toFixed(2)} s/GiB`,
    );
    console.log(
      `stack → kernel over TAP    ${f(mbps(up))} Mbit/s   ratio to veth ${(mbps(up) / mbps(veth)).toFixed(3)}   runner CPU ${cpuPerGib(up).toFixed(2)} s/GiB`,
    );
    console.log(`kernel → kernel over veth  ${f(mbps(veth))} Mbit/s`);
    console.log(
      `SYN → SYN-ACK in our stack (${stack.length} SYNs)   p50 ${percentile(stack, 50).toFixed(3)} ms   p99 ${percentile(stack, 99).toFixed(3)} ms   max ${Math.max(...stack).toFixed(3)} ms`,
    );
    console.log(
      `kernel connect() round trip (${connect.length})     p50 ${percentile(connect, 50).toFixed(3)} ms   p99 ${percentile(connect, 99).toFixed(3)} ms`,
    );
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `targets: ≥1000 Mbit/s both ways ${verdict(mbps(down) >= 1000 && mbps(up) >= 1000)}; ` +
        `reaction p50 ≤0.5 ms ${verdict(percentile(stack, 50) <= 0.5)}; p99 ≤2 ms ${verdict(percentile(stack, 99) <= 2)}`,
    );
  } finally {
    for (const ns of owned.reverse()) await ns.dispose();
    const left = leftovers('bench', 'bench-va', 'bench-vb');
    if (left.namespaces.length + left.taps.length > 0) {
      console.error(`left behind: ${JSON.stringify(left)}`);
      process.exitCode = 1;
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
