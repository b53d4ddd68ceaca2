// Tracepoint collection rate under a burst of connections inside a lab namespace.
// Run: node -r @swc-node/register libs/trace/bench/tracepoint-rate.ts [connections]
// Prints events/s collected, records read, and the per-CPU loss counters (must be 0).
import { execFileSync, spawn } from 'node:child_process';
import { KernelTraceCollector } from '../src';

const CONNECTIONS = Number(process.argv[2] ?? 5000);
const NS = `slr-bench${process.pid % 10000}`;
const ADDR = '10.202.250.1';

// Server and client in one python process over the namespace's lo with a lab address:
// every connection makes ~10 inet_sock_set_state events (both sides, open and close).
const BURST = `
import socket, sys
n = int(sys.argv[1])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(('${ADDR}', 7100)); ls.listen(1024)
for _ in range(n):
    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00')
    c.connect(('${ADDR}', 7100)); a, _ = ls.accept(); a.close(); c.close()
`;

function run(code: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', NS, 'python3', '-c', code, ...args], { stdio: 'inherit' });
    child.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`burst exited ${c}`))));
  });
}

async function main(): Promise<void> {
  execFileSync('ip', ['netns', 'add', NS]);
  try {
    execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
    execFileSync('ip', ['-n', NS, 'addr', 'add', `${ADDR}/32`, 'dev', 'lo']);
    const collector = await KernelTraceCollector.start({
      instanceName: `slr-bench-${process.pid}`,
      addresses: [ADDR],
    });
    const start = process.hrtime.bigint();
    await run(BURST, [String(CONNECTIONS)]);
    const burstEnd = process.hrtime.bigint();
    const result = await collector.stop();
    await collector.dispose();
    const seconds = Number(burstEnd - start) / 1e9;
    const states = result.events.filter((e) => e.kind === 'state').length;
    console.log(`connections            ${CONNECTIONS}`);
    console.log(`burst duration         ${seconds.toFixed(3)} s`);
    console.log(`events collected       ${result.events.length} (state changes ${states})`);
    console.log(`events/s collected     ${Math.round(result.events.length / seconds)}`);
    console.log(`state events/conn      ${(states / CONNECTIONS).toFixed(2)}`);
    console.log(`records read           ${result.recordsRead}`);
    console.log(`lost (overrun+dropped) ${result.lostEvents}`);
    console.log(
      `per-cpu                ${result.cpuStats.map((s) => `cpu${s.cpu}: overrun ${s.overrun}, dropped ${s.dropped}`).join('; ')}`,
    );
  } finally {
    execFileSync('ip', ['netns', 'del', NS]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
