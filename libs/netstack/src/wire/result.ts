/**
 * Outcome of checking or parsing bytes from the wire. Parsers never throw on malformed
 * input: they return `{ ok: false, error }` and the caller counts and drops the packet.
 */
export type WireError =
  /** Fewer bytes than the header or a length field requires. */
  | 'truncated'
  /** A length field contradicts the format (e.g. IPv4 total length < header length). */
  | 'bad-length'
  | 'bad-version'
  | 'bad-checksum'
  /** A TCP option whose length byte is missing, < 2, overruns the header or is wrong for its kind. */
  | 'bad-option'
  /** IPv4 fragment (MF set or offset ≠ 0): this stack does not reassemble (RFC 791 §3.2). */
  | 'fragmented'
  /** Well-formed but outside what this stack speaks (e.g. ARP for non-Ethernet hardware, ICMP type 13). */
  | 'unsupported';

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function ok<T>(value: T): WireResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: WireError): WireResult<T> {
  return { ok: false, error };
}
