import type { TcpConfig } from './api';
import { TcpError } from './errors';

/**
 * Defaults follow Linux where the RFCs leave a choice (40 ms delayed ACK, 200 ms minimum
 * RTO) and RFC 6298 elsewhere (1 s initial RTO, 60 s upper bound).
 *
 * ISNs default to a fixed seed so that runs are reproducible; a service facing untrusted
 * peers should pass `{ kind: 'rfc6528', secret }`.
 */
export const defaultTcpConfig: Readonly<TcpConfig> = Object.freeze<TcpConfig>({
  mss: 1460,
  receiveBufferSize: 65535,
  sendBufferSize: 1 << 20,
  windowScale: null,
  initialRto: 1000,
  minRto: 200,
  maxRto: 60000,
  maxRetransmissions: 8,
  delayedAck: 40,
  timeWait: 60000,
  keepalive: null,
  congestionControl: 'reno',
  persistMin: 200,
  persistMax: 60000,
  isn: { kind: 'seeded', seed: 0 },
});

/** Merges `overrides` into the defaults and rejects values the protocol cannot honour. */
export function resolveTcpConfig(overrides: Partial<TcpConfig> = {}): Readonly<TcpConfig> {
  const config: TcpConfig = { ...defaultTcpConfig, ...overrides };
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new TcpError('tcp/invalid-argument', `invalid TCP config: ${what}`);
  };
  check(Number.isInteger(config.mss) && config.mss >= 1 && config.mss <= 65495, 'mss must be 1…65495');
  check(
    Number.isInteger(config.receiveBufferSize) && config.receiveBufferSize >= 1,
    'receiveBufferSize must be a positive integer',
  );
  check(
    Number.isInteger(config.sendBufferSize) && config.sendBufferSize >= 1,
    'sendBufferSize must be a positive integer',
  );
  check(
    config.windowScale === null ||
      (Number.isInteger(config.windowScale) && config.windowScale >= 0 && config.windowScale <= 14),
    'windowScale must be null or 0…14 (RFC 7323 §2.3)',
  );
  check(config.minRto > 0 && config.minRto <= config.maxRto, 'need 0 < minRto <= maxRto');
  check(config.initialRto > 0, 'initialRto must be positive');
  check(
    Number.isInteger(config.maxRetransmissions) && config.maxRetransmissions >= 0,
    'maxRetransmissions must be a non-negative integer',
  );
  check(config.delayedAck >= 0, 'delayedAck must be >= 0');
  check(config.timeWait >= 0, 'timeWait must be >= 0');
  check(
    config.congestionControl === 'reno' || config.congestionControl === 'none',
    "congestionControl must be 'reno' or 'none'",
  );
  check(config.persistMin > 0 && config.persistMin <= config.persistMax, 'need 0 < persistMin <= persistMax');
  if (config.keepalive !== null) {
    const { idle, interval, probes } = config.keepalive;
    check(
      idle > 0 && interval > 0 && Number.isInteger(probes) && probes >= 1,
      'keepalive needs idle, interval > 0, probes >= 1',
    );
  }
  if (config.isn.kind === 'rfc6528')
    check(config.isn.secret.length > 0, 'rfc6528 ISN secret must not be empty');
  return Object.freeze(config);
}
