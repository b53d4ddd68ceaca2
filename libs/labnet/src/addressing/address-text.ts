/** Parsing the address notations labnet accepts in its options. Each returns null for bad text. */

/** Dotted quad → unsigned 32-bit number. */
export function parseIpv4Text(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null;
  return parts.reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
}

/** '10.201.0.2/24' → address and prefix length. */
export function parseIpv4Cidr(text: string): { addr: number; prefixLength: number } | null {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!match) return null;
  const addr = parseIpv4Text(match[1] ?? '');
  const prefixLength = Number(match[2]);
  return addr === null || prefixLength > 32 ? null : { addr, prefixLength };
}

/** '02:53:00:01:00:02' → 6 bytes. */
export function parseMacText(text: string): Uint8Array | null {
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(text)) return null;
  return Uint8Array.from(text.split(':').map((pair) => parseInt(pair, 16)));
}
