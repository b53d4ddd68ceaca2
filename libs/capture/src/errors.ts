/**
 * Every failure this library reports is a CaptureError with a stable `code`. Callers branch on
 * the code, never on the message; the message says what was found and what to do about it.
 * Decoding errors carry the byte offset (from the start of the stream) of the block at fault.
 */
export type CaptureErrorCode =
  | 'capture/not-pcapng'
  | 'capture/bad-byte-order'
  | 'capture/unsupported-version'
  | 'capture/truncated-block'
  | 'capture/bad-block-length'
  | 'capture/block-length-mismatch'
  | 'capture/bad-option'
  | 'capture/bad-packet-length'
  | 'capture/unknown-interface'
  | 'capture/invalid-argument'
  | 'capture/writer-closed'
  | 'capture/io';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    /** Byte offset in the capture stream where the offending block starts, when decoding. */
    readonly offset?: number,
    options?: { cause?: unknown },
  ) {
    super(offset === undefined ? message : `${message} (at byte offset ${offset})`, options);
  }
}

export function isCaptureError(value: unknown, code?: CaptureErrorCode): value is CaptureError {
  return value instanceof CaptureError && (code === undefined || value.code === code);
}
