import { PortId } from '../impair/impairment';
import { TapDevice } from '../tap/tap-device';
import { LearningSwitch } from './learning-switch';

/**
 * Plugs a TAP into the switch: frames the kernel behind the TAP transmits enter the
 * switch, frames the switch sends to this port are written to the TAP. Returns a
 * function that unplugs it (the TAP itself stays open; close it separately).
 */
export function connectTap(lanSwitch: LearningSwitch, tap: TapDevice, id: PortId): () => void {
  // A frame may still be in flight (e.g. delayed) when the TAP closes during teardown.
  const deliver = (frame: Uint8Array): void => {
    if (tap.isOpen) tap.send(frame);
  };
  const input = lanSwitch.attach({ id, name: tap.name, deliver });
  const unsubscribe = tap.onFrames((frames) => {
    for (const frame of frames) input(frame);
  });
  return () => {
    unsubscribe();
    lanSwitch.detach(id);
  };
}
