/** Latency impairments: fixed delay with jitter, and reordering. */
import { LabnetError } from '../errors';
import { assertProbability } from './drop';
import { formatNs, FramePredicate, Impairment, PASS } from './impairment';
import { SeededRandom } from './seeded-random';

export interface DelayOptions {
  readonly delayNs: bigint;
  /** Each frame's delay is uniform in delay ± jitter (clamped at 0). */
  readonly jitterNs?: bigint;
  /** Needed when jitterNs > 0. */
  readonly random?: SeededRandom;
  /**
   * Keep frames in order despite jitter (default true): a frame never leaves before the
   * frame ahead of it, as on a single FIFO link. netem reorders with jitter instead;
   * use reorder() for reordering on purpose.
   */
  readonly preserveOrder?: boolean;
}

export function delay(options: DelayOptions): Impairment {
  const jitter = options.jitterNs ?? 0n;
  if (options.delayNs < 0n || jitter < 0n) {
    throw new LabnetError('labnet/invalid-config', 'delay and jitter must not be negative.');
  }
  if (jitter > 0n && !options.random) {
    throw new LabnetError(
      'labnet/invalid-config',
      'delay with jitter needs a SeededRandom so runs are reproducible.',
    );
  }
  const preserveOrder = options.preserveOrder ?? true;
  let lastReleaseNs = -1n;
  return {
    label: `delay(${formatNs(options.delayNs)}${jitter > 0n ? `±${formatNs(jitter)}` : ''})`,
    decide(context) {
      let chosen = options.delayNs;
      if (jitter > 0n) {
        const offset = BigInt(Math.floor(options.random!.next() * Number(2n * jitter + 1n))) - jitter;
        chosen = chosen + offset > 0n ? chosen + offset : 0n;
      }
      let release = context.nowNs + chosen;
      if (preserveOrder && release < lastReleaseNs) release = lastReleaseNs;
      lastReleaseNs = release;
      const delayNs = release - context.nowNs;
      return delayNs === 0n ? PASS : { action: 'delay', delayNs, kind: 'delayed' };
    },
  };
}

export interface ReorderOptions {
  /** Chance that a matching frame is held back. */
  readonly probability: number;
  /** How long a held frame waits; frames behind it that are not held overtake it. */
  readonly holdNs: bigint;
  readonly random: SeededRandom;
  readonly match?: FramePredicate;
}

/** Holds some frames back so later ones overtake them (netem's reorder, without gap). */
export function reorder(options: ReorderOptions): Impairment {
  assertProbability(options.probability, 'reorder');
  const match = options.match ?? (() => true);
  return {
    label: `reorder(${options.probability}, hold ${formatNs(options.holdNs)})`,
    decide: (context) =>
      match(context.frame, context) && options.random.next() < options.probability
        ? { action: 'delay', delayNs: options.holdNs, kind: 'reordered' }
        : PASS,
  };
}
