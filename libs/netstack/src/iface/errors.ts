/** Errors thrown by the host, UDP, scripted-peer and puppet APIs: a stable `code` and an actionable message. */
export type NetErrorCode =
  | 'udp/port-in-use'
  | 'udp/no-free-port'
  | 'udp/closed'
  | 'udp/not-connected'
  | 'udp/too-large'
  | 'peer/timeout'
  | 'peer/reset'
  | 'peer/refused'
  | 'peer/closed'
  | 'peer/eof'
  | 'puppet/timeout'
  | 'puppet/unexpected'
  | 'puppet/unknown-isn'
  | 'puppet/invalid-flags';

export class NetError extends Error {
  override readonly name = 'NetError';

  constructor(
    readonly code: NetErrorCode,
    message: string,
  ) {
    super(message);
  }
}
