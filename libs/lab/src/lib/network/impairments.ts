/**
 * Scenario impairments (exercise spec) → labnet impairments on the switch. Each one is
 * installed once on the ingress pipeline of every port it concerns (its `link`'s port, or
 * all ports), so counters such as "the 3rd matching frame" count across those links.
 * `direction` and `match` select frames; a gate makes `impairment` steps switch it on and
 * off without reordering the pipeline. A partition sits on the two ports' egress.
 */
import type { Impairment as SpecImpairment } from '@socklab/exercise';
import {
  PASS,
  SeededRandom,
  blackhole,
  delay,
  dropRate,
  duplicate,
  partition,
  rateLimit,
  reorder,
  DROP,
  type FrameContext,
  type Impairment,
  type ImpairmentHandle,
  type LearningSwitch,
  type PortId,
} from '@socklab/labnet';
import { frameMatchesPattern } from './frame-pattern';

export interface ImpairmentPort {
  id: PortId;
  host: string;
  kind: 'learner' | 'peer';
  /** The host's IPv4 address (a pattern's `host` matches frames from or to it). */
  addr: number;
}

export interface InstalledImpairment {
  readonly id: string;
  active: boolean;
  remove(): void;
}

export function installImpairments(
  lanSwitch: LearningSwitch,
  ports: readonly ImpairmentPort[],
  impairments: readonly SpecImpairment[],
  seed: number,
): Map<string, InstalledImpairment> {
  const installed = new Map<string, InstalledImpairment>();
  impairments.forEach((spec, index) => {
    const random = new SeededRandom((seed + index * 0x9e3779b1) >>> 0);
    const state = { active: spec.active };
    const handles: ImpairmentHandle[] = [];
    const byHost = (host: string): ImpairmentPort | undefined => ports.find((p) => p.host === host);
    if (spec.effect.kind === 'partition') {
      const [a, b] = spec.effect.between.map(byHost);
      if (a && b) {
        const cut = gated(partition(a.id, b.id), state, () => true);
        handles.push(
          lanSwitch.impairments(a.id, 'egress').add(cut),
          lanSwitch.impairments(b.id, 'egress').add(cut),
        );
      }
    } else {
      const targets = spec.link === undefined ? ports : ports.filter((p) => p.host === spec.link);
      const selects = frameSelector(spec, ports);
      const effect = gated(effectOf(spec.effect, random), state, selects);
      for (const port of targets) handles.push(lanSwitch.impairments(port.id, 'ingress').add(effect));
    }
    installed.set(spec.id, {
      id: spec.id,
      get active() {
        return state.active;
      },
      set active(value: boolean) {
        state.active = value;
      },
      remove: () => handles.forEach((h) => h.remove()),
    });
  });
  return installed;
}

type Effect = SpecImpairment['effect'];

function effectOf(effect: Effect, random: SeededRandom): Impairment {
  switch (effect.kind) {
    case 'drop':
      if (effect.nth !== undefined)
        return dropPositions(Array.isArray(effect.nth) ? effect.nth : [effect.nth]);
      if (effect.rate !== undefined) return dropRate(effect.rate, random);
      return blackhole();
    case 'delay':
      return delay({
        delayNs: BigInt(effect.ms) * 1_000_000n,
        jitterNs: BigInt(effect.jitter) * 1_000_000n,
        random,
      });
    case 'reorder':
      // Held back for `by` frames' worth of time: labnet's reorder holds for a duration.
      return reorder({ probability: effect.rate, holdNs: BigInt(effect.by) * 1_000_000n, random });
    case 'duplicate':
      return duplicate({ probability: effect.rate, random });
    case 'rate':
      return rateLimit({ bitsPerSecond: effect.bitsPerSecond });
    case 'blackhole':
      return blackhole();
    case 'partition':
      throw new Error('partition is installed on egress by installImpairments');
  }
}

/** Drops the matching frames at these 1-based positions (e.g. the 2nd and 5th data segment). */
function dropPositions(positions: readonly number[]): Impairment {
  const wanted = new Set(positions);
  let seen = 0;
  return {
    label: `drop-nth(${positions.join(',')})`,
    decide: () => (wanted.has(++seen) ? DROP : PASS),
  };
}

function gated(
  inner: Impairment,
  state: { active: boolean },
  selects: (ctx: FrameContext) => boolean,
): Impairment {
  return {
    label: inner.label,
    decide: (context) => (state.active && selects(context) ? inner.decide(context) : PASS),
  };
}

/** direction + match of the spec, evaluated on a frame entering the switch. */
function frameSelector(
  spec: SpecImpairment,
  ports: readonly ImpairmentPort[],
): (ctx: FrameContext) => boolean {
  const kindOf = (id: PortId): 'learner' | 'peer' | undefined => ports.find((p) => p.id === id)?.kind;
  return (context) => {
    const from = kindOf(context.port);
    if (spec.direction === 'learner-to-peer' && from !== 'learner') return false;
    if (spec.direction === 'peer-to-learner' && from !== 'peer') return false;
    if (!spec.match) return true;
    return frameMatchesPattern(context.frame, spec.match, {
      from,
      addressOf: (host) => ports.find((p) => p.host === host)?.addr,
    });
  };
}
