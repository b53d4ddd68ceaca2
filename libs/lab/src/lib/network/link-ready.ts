/**
 * A TAP just brought up inside a namespace does not transmit at once: Linux holds what the
 * kernel sends on it until its link watcher activates the device's queue, which can take
 * up to a second. A program started in that window would see its first segments (and ARP
 * replies) delayed by that much, which no exercise's timing could tolerate. So the network
 * is ready only once the kernel answers on the link.
 *
 * The question asked is an ARP Probe (RFC 5227 §2.1.1): sender protocol address 0.0.0.0,
 * so the learner's kernel answers without creating a neighbour entry; the probe's sender
 * MAC belongs to no host of the lab. It runs before the TAP is plugged into the switch, so
 * neither the probe nor its reply reaches a peer or the capture.
 */
import type { TapDevice } from '@socklab/labnet';
import {
  ArpPacket,
  ArpRepr,
  BROADCAST_MAC,
  ETHERNET_HEADER_LEN,
  EtherType,
  EthernetFrame,
  EthernetRepr,
  ZERO_MAC,
  parseIpv4,
  parseMac,
} from '@socklab/netstack';

/** Locally administered, outside the lab address pool's MAC range. */
const PROBE_MAC = parseMac('02:53:ff:ff:ff:fe');
const PROBE_INTERVAL_MS = 100;

/**
 * Resolves once the kernel behind `tap` answers an ARP Probe for `addr`; rejects after
 * `timeoutMs` with a message naming the interface.
 */
export function waitUntilLinkTransmits(tap: TapDevice, addr: string, timeoutMs: number): Promise<void> {
  const target = parseIpv4(addr);
  const probe = probeFrame(target);
  return new Promise<void>((resolve, reject) => {
    const finish = (outcome: () => void): void => {
      unsubscribe();
      clearInterval(resend);
      clearTimeout(deadline);
      outcome();
    };
    const unsubscribe = tap.onFrames((frames) => {
      if (frames.some((frame) => isReplyFrom(frame, target))) finish(resolve);
    });
    const send = (): void => {
      try {
        tap.send(probe);
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const resend = setInterval(send, PROBE_INTERVAL_MS);
    const deadline = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`the kernel did not answer on ${tap.name} within ${timeoutMs} ms of link-up`)),
        ),
      timeoutMs,
    );
    send();
  });
}

function probeFrame(target: number): Uint8Array {
  const frame = new Uint8Array(EthernetRepr.bufferLength(ArpRepr.bufferLength()));
  EthernetRepr.emit({ src: PROBE_MAC, dst: BROADCAST_MAC, etherType: EtherType.Arp }, frame);
  ArpRepr.emit(
    { operation: 'request', senderMac: PROBE_MAC, senderAddr: 0, targetMac: ZERO_MAC, targetAddr: target },
    frame.subarray(ETHERNET_HEADER_LEN),
  );
  return frame;
}

function isReplyFrom(frame: Uint8Array, addr: number): boolean {
  const ethernet = EthernetFrame.check(frame);
  if (!ethernet.ok || ethernet.value.etherType !== EtherType.Arp) return false;
  const packet = ArpPacket.check(frame.subarray(ETHERNET_HEADER_LEN));
  if (!packet.ok) return false;
  const arp = ArpRepr.parse(packet.value);
  return arp.ok && arp.value.operation === 'reply' && arp.value.senderAddr === addr;
}
