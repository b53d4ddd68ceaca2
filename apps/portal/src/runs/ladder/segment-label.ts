import type { TcpFlag } from '../picture/picture';

/** Flags in the order people name them, ACK last ("SYN+ACK", "FIN+ACK"), as the grader's messages write them. */
const NAMING_ORDER: readonly TcpFlag[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'ACK'];

/** The arrow's name: its flags joined by "+", e.g. "SYN+ACK"; "(no flags)" for none. */
export function segmentLabel(flags: readonly TcpFlag[]): string {
  const present = NAMING_ORDER.filter((flag) => flags.includes(flag));
  return present.length > 0 ? present.join('+') : '(no flags)';
}

/** tcpdump-style flag strings of trace.json ("S", "S.", "P.", "F.", "R.") as flag names. */
export function flagsFromTcpdump(text: string): TcpFlag[] {
  const letters: Record<string, TcpFlag> = {
    S: 'SYN',
    F: 'FIN',
    R: 'RST',
    P: 'PSH',
    U: 'URG',
    E: 'ECE',
    W: 'CWR',
    '.': 'ACK',
  };
  const flags: TcpFlag[] = [];
  for (const letter of text) {
    const flag = letters[letter];
    if (flag && !flags.includes(flag)) flags.push(flag);
  }
  return flags;
}
