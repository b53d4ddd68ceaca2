/**
 * Measures what keeps the live run view smooth with thousands of segments: folding
 * packet events into the live log, building one connection's ladder, and picking the
 * rows a scroll position shows (what each scroll frame pays). Prints figures; asserts
 * nothing (speed targets are read off these numbers, not enforced by tests).
 *
 *   npx nx bench portal
 */
import type { LabEvent } from '@socklab/contracts';
import { buildLadder } from '../src/runs/ladder/ladder-model';
import { diagramHeight, ROW_HEIGHT, visibleParts, visibleRows } from '../src/runs/ladder/ladder-geometry';
import { connectionIdOf, LiveRunLog } from '../src/runs/live/live-run-log';

const CLIENT = '10.9.0.3:40001';
const SERVER = '10.9.0.2:5000';

/** A bulk transfer: handshake, `n` data segments each acknowledged, then a close. */
function events(n: number): LabEvent[] {
  const out: LabEvent[] = [];
  let seq = 0;
  const push = (src: string, flags: string[], s: number, a: number, len: number) =>
    out.push({
      type: 'packet',
      seq: seq++,
      t: seq * 0.05,
      index: out.length,
      src,
      dst: src === CLIENT ? SERVER : CLIENT,
      protocol: 'tcp',
      length: 54 + len,
      summary: '',
      tcp: { flags: flags as never, seq: s, ack: a, window: 64240, payloadLength: len },
    } as LabEvent);
  push(CLIENT, ['SYN'], 1000, 0, 0);
  push(SERVER, ['SYN', 'ACK'], 5000, 1001, 0);
  push(CLIENT, ['ACK'], 1001, 5001, 0);
  for (let i = 0; i < n / 2; i++) {
    push(CLIENT, ['PSH', 'ACK'], 1001 + i * 1448, 5001, 1448);
    push(SERVER, ['ACK'], 5001, 1001 + (i + 1) * 1448, 0);
  }
  out.push({ type: 'state', seq: seq++, t: seq, conn: connectionIdOf(CLIENT, SERVER), endpoint: SERVER, from: 'ESTABLISHED', to: 'CLOSE_WAIT', source: 'kernel' });
  return out;
}

function time(label: string, repeat: number, run: () => void): number {
  run(); // warm-up
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  const ms = (performance.now() - start) / repeat;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3).padStart(9)} ms`);
  return ms;
}

for (const n of [2_000, 20_000]) {
  const stream = events(n);
  console.log(`\n${n} segments (${stream.length} events)`);
  const fold = time('fold every event into a fresh LiveRunLog', 10, () => new LiveRunLog().applyAll(stream));
  const log = new LiveRunLog();
  log.applyAll(stream);
  const [picture] = log.pictures();
  const ladder = buildLadder(picture.connections[0], picture.segments, picture.states);
  const build = time('build the ladder of the connection', 10, () =>
    buildLadder(picture.connections[0], picture.segments, picture.states),
  );
  const height = diagramHeight(ladder.arrows.length);
  let rendered = 0;
  const scroll = time('pick visible rows for 100 scroll positions', 10, () => {
    for (let y = 0; y < height; y += height / 100) rendered = visibleParts(ladder, visibleRows(ladder.arrows.length, y, 520)).arrows.length;
  });
  console.log(`rows in the DOM at a time: ${rendered} of ${ladder.arrows.length} (${ROW_HEIGHT}px rows, 520px view)`);
  console.log(`per-event cost while live: ${((fold / stream.length) * 1000).toFixed(2)} µs; ladder rebuild per frame: ${build.toFixed(2)} ms; per scroll frame: ${(scroll / 100).toFixed(4)} ms`);
}
