/**
 * Every failure labnet raises carries a stable code (for programs: the lab engine maps
 * infrastructure codes to "not gradable") and a message that says what to do.
 */
export type LabnetErrorCode =
  | 'labnet/tap-open-failed'
  | 'labnet/tap-closed'
  | 'labnet/tap-write-failed'
  | 'labnet/invalid-interface-name'
  | 'labnet/ip-command-failed'
  | 'labnet/netlink-failed'
  | 'labnet/sysctl-failed'
  | 'labnet/netns-enter-failed'
  | 'labnet/netns-disposed'
  | 'labnet/frame-io-failed'
  | 'labnet/pool-exhausted'
  | 'labnet/invalid-config'
  | 'labnet/port-already-attached';

export class LabnetError extends Error {
  override readonly name = 'LabnetError';

  constructor(
    readonly code: LabnetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
