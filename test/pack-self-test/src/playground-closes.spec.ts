/**
 * The playground presets that promise a way of closing, run as `socklab play` and the
 * runner run them (presetExercise through the real lab with the local driver) with the C
 * client starter: the segments that close the connection must be the ones the preset's
 * description names. The peer's side of it is netstack's delayed ACK of a FIN
 * (libs/netstack/src/tcp/input.ts, acknowledgeFin).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlaygroundPreset, playgroundStarter, presetExercise } from '@socklab/exercise';
import { execute } from '@socklab/lab';
import { LocalDriver } from '@socklab/sandbox';
import type { Trace, TracePacket } from '@socklab/trace';

jest.setTimeout(120_000);

const driver = new LocalDriver();
const outRoot = mkdtempSync(join(tmpdir(), 'playground-closes-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

interface Segment {
  from: 'you' | 'peer';
  flags: string;
  seq: number;
  ack: number | null;
  len: number;
}

/** Runs the C client starter against `presetId`; returns each TCP segment once, in order. */
async function segmentsOf(presetId: string): Promise<Segment[]> {
  const preset = findPlaygroundPreset(presetId);
  if (!preset) throw new Error(`no playground preset ${presetId}`);
  const outDir = join(outRoot, presetId);
  const report = await execute(
    { spec: presetExercise(preset) },
    { language: 'c', files: [playgroundStarter('client', 'c')] },
    {
      driver,
      outDir,
      seed: 1,
    },
  );
  expect(report.infraError).toBeUndefined();
  expect(report.build.ok).toBe(true);
  const traces = JSON.parse(readFileSync(join(outDir, 'trace.json'), 'utf8')) as {
    scenarios: Record<string, Trace>;
  };
  const trace = traces.scenarios[presetId];
  const [learner] = trace.hosts.filter((h) => h.role === 'learner');
  const learnerAddrs = new Set(learner.addresses);
  // Every segment of the learner's connection crosses the learner's link exactly once.
  return trace.packets
    .filter((p: TracePacket) => p.link === learner.id)
    .map((p) => ({
      from: learnerAddrs.has(p.src.addr) ? 'you' : 'peer',
      flags: p.flags,
      seq: p.seq,
      ack: p.ack,
      len: p.len,
    }));
}

/** The segments from the learner's FIN on. */
function fromLearnerFin(segments: Segment[]): { fin: Segment; after: Segment[] } {
  const index = segments.findIndex((s) => s.from === 'you' && s.flags.includes('F'));
  expect(index).toBeGreaterThanOrEqual(0);
  return { fin: segments[index], after: segments.slice(index + 1) };
}

describe('playground presets close the way their descriptions say', () => {
  it('three-way-close: FIN, FIN+ACK, ACK — the peer’s FIN carries the ACK of yours', async () => {
    const { fin, after } = fromLearnerFin(await segmentsOf('three-way-close'));
    const finAcked = fin.seq + fin.len + 1;
    expect(after.map(({ from, flags, ack }) => ({ from, flags, ack }))).toEqual([
      { from: 'peer', flags: 'F.', ack: finAcked },
      { from: 'you', flags: '.', ack: expect.any(Number) },
    ]);
  });

  it('echo-server: four-way close — the peer ACKs your FIN, then sends its own FIN separately', async () => {
    const { fin, after } = fromLearnerFin(await segmentsOf('echo-server'));
    const finAcked = fin.seq + fin.len + 1;
    const fromPeer = after.filter((s) => s.from === 'peer');
    const firstAck = fromPeer.find((s) => s.ack === finAcked);
    expect(firstAck?.flags).not.toContain('F');
    expect(fromPeer.filter((s) => s.flags.includes('F'))).toHaveLength(1);
    expect(fromPeer.findIndex((s) => s.flags.includes('F'))).toBeGreaterThan(
      fromPeer.indexOf(firstAck as Segment),
    );
  });
});
