import { LabnetError } from '../errors';
import { assertProbability } from './drop';
import { FramePredicate, Impairment, PASS } from './impairment';
import { SeededRandom } from './seeded-random';

/** Sends `copies` extra copies of some frames; each copy continues through later stages on its own. */
export function duplicate(options: {
  readonly probability: number;
  readonly random: SeededRandom;
  readonly copies?: number;
  readonly match?: FramePredicate;
}): Impairment {
  assertProbability(options.probability, 'duplicate');
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1) {
    throw new LabnetError(
      'labnet/invalid-config',
      `duplicate needs a whole number of copies >= 1, got ${copies}.`,
    );
  }
  const match = options.match ?? (() => true);
  return {
    label: `duplicate(${options.probability}${copies > 1 ? `, ${copies} copies` : ''})`,
    decide: (context) =>
      match(context.frame, context) && options.random.next() < options.probability
        ? { action: 'duplicate', copies }
        : PASS,
  };
}
