/**
 * A stand-in TcpLayer for host tests: records what the host feeds it and answers every
 * segment that is not a RST with a RST (RFC 9293 §3.10.7.1, CLOSED state), which is
 * enough to prove segments travel through the host in both directions.
 */
import type { SynPolicy, TcpLayer, TcpOutput } from '../../tcp/api';
import type { Ipv4Addr } from '../../wire/ip-types';
import { NO_FLAGS, segmentLength, type TcpRepr } from '../../wire/tcp-repr';
import type { TcpLayerFactory } from '../host';

export interface FakeTcpLayer extends TcpLayer {
  received: Array<{ t: number; src: Ipv4Addr; dst: Ipv4Addr; segment: TcpRepr }>;
  policies: Array<[number | 'all', SynPolicy]>;
  forgotten: number;
}

export function fakeTcpFactory(): { factory: TcpLayerFactory; layers: FakeTcpLayer[] } {
  const layers: FakeTcpLayer[] = [];
  const factory: TcpLayerFactory = ({ output }) => {
    const layer = makeFakeLayer(output);
    layers.push(layer);
    return layer;
  };
  return { factory, layers };
}

function makeFakeLayer(output: TcpOutput): FakeTcpLayer {
  const unsupported = () => {
    throw new Error('not part of the fake TCP layer');
  };
  const layer: FakeTcpLayer = {
    received: [],
    policies: [],
    forgotten: 0,
    config: {} as TcpLayer['config'],
    receive(t, src, dst, segment) {
      layer.received.push({ t, src, dst, segment: { ...segment, payload: segment.payload.slice() } });
      if (segment.flags.rst) return;
      const ack = segment.flags.ack;
      output(dst, src, {
        srcPort: segment.dstPort,
        dstPort: segment.srcPort,
        seq: ack ? segment.ack : 0,
        ack: ack ? 0 : (segment.seq + segmentLength(segment)) >>> 0,
        flags: { ...NO_FLAGS, rst: true, ack: !ack },
        window: 0,
        urgentPointer: 0,
        options: {},
        payload: new Uint8Array(0),
      });
    },
    poll: () => undefined,
    pollAt: () => null,
    listen: unsupported,
    connect: unsupported,
    setSynPolicy(port, policy) {
      layer.policies.push([port, policy]);
    },
    forgetAll() {
      layer.forgotten += 1;
    },
    sockets: () => [],
  };
  return layer;
}
