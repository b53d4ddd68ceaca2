/** Loss impairments: a chosen frame, frames matching a predicate, a random rate, everything. */
import { LabnetError } from '../errors';
import { DROP, FramePredicate, Impairment, PASS } from './impairment';
import { SeededRandom } from './seeded-random';

const everyFrame: FramePredicate = () => true;

export interface DropNthOptions {
  /** 1-based position among matching frames. */
  readonly n: number;
  /** Only frames for which this holds are counted (default: all). */
  readonly match?: FramePredicate;
  /** Describes `match` in the label, e.g. 'tcp-data'. */
  readonly matchLabel?: string;
  /** Drop every nth matching frame instead of only the nth (default false). */
  readonly repeat?: boolean;
}

/** Drops the nth matching frame (e.g. "the 3rd data segment"), once or every nth. */
export function dropNth(options: DropNthOptions): Impairment {
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new LabnetError('labnet/invalid-config', `drop-nth needs a whole n >= 1, got ${options.n}.`);
  }
  const match = options.match ?? everyFrame;
  let seen = 0;
  const label = `${options.repeat ? 'drop-every-nth' : 'drop-nth'}(${options.n}${options.matchLabel ? `, ${options.matchLabel}` : ''})`;
  return {
    label,
    decide(context) {
      if (!match(context.frame, context)) return PASS;
      seen++;
      const hit = options.repeat ? seen % options.n === 0 : seen === options.n;
      return hit ? DROP : PASS;
    },
  };
}

/** Drops every frame for which `match` holds (up to `limit` frames if given). */
export function dropMatching(match: FramePredicate, matchLabel: string, limit = Infinity): Impairment {
  let dropped = 0;
  return {
    label: `drop-matching(${matchLabel}${limit !== Infinity ? `, limit ${limit}` : ''})`,
    decide(context) {
      if (dropped >= limit || !match(context.frame, context)) return PASS;
      dropped++;
      return DROP;
    },
  };
}

/** Independent (Bernoulli) loss with the given probability per matching frame. */
export function dropRate(
  probability: number,
  random: SeededRandom,
  match: FramePredicate = everyFrame,
): Impairment {
  assertProbability(probability, 'drop-rate');
  return {
    label: `drop-rate(${probability})`,
    decide: (context) => (match(context.frame, context) && random.next() < probability ? DROP : PASS),
  };
}

/** Drops everything: the link is cut without telling either end. */
export function blackhole(): Impairment {
  return { label: 'blackhole', decide: () => DROP };
}

export function assertProbability(probability: number, what: string): void {
  if (!(probability >= 0 && probability <= 1)) {
    throw new LabnetError(
      'labnet/invalid-config',
      `${what} probability must be within 0..1, got ${probability}.`,
    );
  }
}
