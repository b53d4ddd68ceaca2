/** RFC 792 names of ICMP messages as a person reads them: "echo reply", "port unreachable". */
const UNREACHABLE_CODES: Readonly<Record<number, string>> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  4: 'fragmentation needed',
};

export function icmpMessageName(type: number, code: number): string {
  if (type === 0) return 'echo reply';
  if (type === 8) return 'echo request';
  if (type === 11) return 'time exceeded';
  if (type === 3) return UNREACHABLE_CODES[code] ?? `destination unreachable (code ${code})`;
  return `type ${type} code ${code}`;
}
