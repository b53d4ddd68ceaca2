/**
 * An impairment looks at one frame on one link direction and returns a verdict. Stages
 * of a pipeline run in order; see impairment-pipeline.ts for how verdicts combine.
 * Decisions must depend only on the frame, the context, the impairment's own state and
 * its SeededRandom stream, so the same seed and the same traffic give the same run.
 */
export type PortId = number;

/** 'ingress': from the port's device into the switch; 'egress': from the switch out to the port. */
export type LinkDirection = 'ingress' | 'egress';

export interface FrameContext {
  readonly frame: Uint8Array;
  readonly nowNs: bigint;
  /** The port whose link this pipeline impairs. */
  readonly port: PortId;
  readonly direction: LinkDirection;
  /** For egress: the port the frame entered the switch on. */
  readonly fromPort?: PortId;
}

export type Verdict =
  | { readonly action: 'pass' }
  | { readonly action: 'drop' }
  | {
      readonly action: 'delay';
      readonly delayNs: bigint;
      readonly kind: 'delayed' | 'reordered' | 'rate-limited';
    }
  | { readonly action: 'duplicate'; readonly copies: number };

export const PASS: Verdict = { action: 'pass' };
export const DROP: Verdict = { action: 'drop' };

export interface Impairment {
  /** Shown in annotations, e.g. 'drop-nth(3)' or 'delay(20ms±5ms)'. */
  readonly label: string;
  decide(context: FrameContext): Verdict;
}

/** Selects the frames an impairment applies to, e.g. "TCP segments with payload". */
export type FramePredicate = (frame: Uint8Array, context: FrameContext) => boolean;

export function formatNs(ns: bigint): string {
  if (ns % 1_000_000n === 0n) return `${ns / 1_000_000n}ms`;
  if (ns % 1_000n === 0n) return `${ns / 1_000n}us`;
  return `${ns}ns`;
}
