/**
 * Placeholders a scripted peer's `send: {data}` may use to answer with what it received, as
 * a real server would (e.g. `RECEIVED {received.bytes} {received.sha256}\n` after reading an
 * upload to end of stream):
 *   {received.bytes}   how many bytes the script has read on this connection so far;
 *   {received.sha256}  the SHA-256 of those bytes, 64 lowercase hex digits (FIPS 180-4).
 * Other text, `{i}` included (replaced earlier, inside `repeat`), is left as it is.
 */
import { createHash } from 'node:crypto';

const PLACEHOLDER = /\{received\.(bytes|sha256)\}/g;

export function expandReceived(text: string, received: () => Uint8Array): string {
  if (!/\{received\.(bytes|sha256)\}/.test(text)) return text;
  const bytes = received();
  return text.replace(PLACEHOLDER, (_, what: string) =>
    what === 'bytes' ? String(bytes.length) : createHash('sha256').update(bytes).digest('hex'),
  );
}
