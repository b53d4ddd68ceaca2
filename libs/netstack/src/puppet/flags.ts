/**
 * tcpdump/packetdrill flag notation: S SYN, F FIN, R RST, P PSH, U URG, E ECE, W CWR,
 * '.' ACK. 'S.' is SYN+ACK, 'P.' PSH+ACK, 'F.' FIN+ACK, 'R' a bare RST.
 */
import { NetError } from '../iface/errors';
import { NO_FLAGS, type TcpFlags } from '../wire/tcp-repr';

const LETTERS: Record<string, keyof TcpFlags> = {
  S: 'syn',
  F: 'fin',
  R: 'rst',
  P: 'psh',
  U: 'urg',
  E: 'ece',
  W: 'cwr',
  '.': 'ack',
};

export function parseFlags(text: string): TcpFlags {
  const flags: TcpFlags = { ...NO_FLAGS };
  for (const letter of text) {
    const name = LETTERS[letter];
    if (!name || flags[name]) {
      throw new NetError(
        'puppet/invalid-flags',
        `bad TCP flags ${JSON.stringify(text)}: use S F R P U E W and '.'`,
      );
    }
    flags[name] = true;
  }
  return flags;
}

/** Canonical text: letters in the order S F R P U E W, then '.' (as tcpdump prints). */
export function formatFlags(flags: TcpFlags): string {
  let text = '';
  for (const [letter, name] of Object.entries(LETTERS)) if (flags[name]) text += letter;
  return text === '' ? 'none' : text;
}
