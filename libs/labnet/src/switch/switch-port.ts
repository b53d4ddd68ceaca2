import { PortId } from '../impair/impairment';
import { FrameAnnotation } from '../impair/annotations';

/**
 * Anything the switch can deliver frames to: a TAP, a netstack host, a test probe.
 * Contract: `deliver` must not modify the frame, because the same bytes may go to several
 * ports. It may keep the view: the switch never reuses a frame's memory (a kept view
 * does keep its whole receive batch alive, so copy if you keep many frames for long).
 */
export interface SwitchPort {
  readonly id: PortId;
  readonly name: string;
  deliver(frame: Uint8Array): void;
}

/** Frames enter the switch through the function `attach` returns. */
export type PortInput = (frame: Uint8Array) => void;

/**
 * Where the capture tap hooks in. Called once per frame arriving on a port ('in', at
 * arrival, with ingress decisions such as 'dropped'/'delayed') and once per frame leaving
 * a port ('out', at delivery time; frames dropped on egress are reported at the drop
 * with a 'dropped' annotation and were not delivered).
 */
export type FrameHook = (
  portId: PortId,
  direction: 'in' | 'out',
  frame: Uint8Array,
  timestampNs: bigint,
  annotations: readonly FrameAnnotation[],
) => void;
