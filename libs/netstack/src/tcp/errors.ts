/** Errors thrown by the socket API; `code` is stable, the message says what to do. */
export type TcpErrorCode =
  | 'tcp/invalid-argument'
  | 'tcp/address-in-use'
  | 'tcp/address-not-local'
  | 'tcp/no-free-port'
  | 'tcp/not-connected'
  | 'tcp/write-after-shutdown'
  | 'tcp/connection-reset';

export class TcpError extends Error {
  override readonly name = 'TcpError';

  constructor(
    readonly code: TcpErrorCode,
    message: string,
  ) {
    super(message);
  }
}
