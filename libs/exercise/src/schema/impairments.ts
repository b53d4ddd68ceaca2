/**
 * Link impairments applied by the lab's userspace switch. All randomness is drawn from the
 * run's seed, so a run replays identically. An impairment acts on the frames of `link`
 * (a host's link; every link when absent) that travel in `direction` and match `match`.
 */
import { z } from 'zod';
import { count, exactlyOneOf, hostName, kebabId, ms, strictObject, vocabulary } from './builders';
import { packetPatternSchema } from './observations';
import { DIRECTIONS } from './vocabulary';

const probability = z.number().min(0).max(1);

export const impairmentSchema = exactlyOneOf(
  'an impairment',
  'effect',
  {
    id: kebabId('an impairment id'),
    link: hostName.optional(),
    direction: vocabulary(DIRECTIONS, 'direction').optional(),
    match: packetPatternSchema.optional(),
    /** Whether it acts from the start of the scenario; an `impairment` step switches it. */
    active: z.boolean().default(true),
  },
  {
    /** Drops the nth matching frames (1-based), or each with probability `rate`, or all when neither is given. */
    drop: strictObject({
      nth: z.union([count(1), z.array(count(1)).min(1)]).optional(),
      rate: probability.optional(),
    }),
    delay: strictObject({ ms: ms(30_000), jitter: ms(30_000).default(0) }),
    /** Holds a frame back with probability `rate` and releases it after `by` later frames. */
    reorder: strictObject({ rate: probability, by: count(1, 64).default(1) }),
    duplicate: strictObject({ rate: probability }),
    rate: strictObject({ bitsPerSecond: count(1_000, 10_000_000_000) }),
    /** Drops every matching frame. */
    blackhole: strictObject({}),
    /** No frame passes between the two hosts, in either direction. */
    partition: strictObject({ between: z.tuple([hostName, hostName]) }),
  },
).meta({ id: 'Impairment', description: 'A seeded link impairment with exactly one effect.' });
export type Impairment = z.output<typeof impairmentSchema>;
