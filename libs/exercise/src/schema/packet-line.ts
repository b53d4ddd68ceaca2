/**
 * Puppet packet lines: a compact, packetdrill-like notation for one TCP segment.
 *
 *   line      = dir SP flags SP seq [SP "ack" SP u32] [SP "win" SP u16] [SP options]
 *   dir       = "<"   the puppet peer injects this segment toward the learner's program
 *             | ">"   the learner's program must send a segment matching this one
 *   flags     = 1*( "S" | "F" | "R" | "P" | "." | "U" | "E" | "W" )   each at most once;
 *               S=SYN F=FIN R=RST P=PSH .=ACK U=URG E=ECE W=CWR
 *   seq       = u32 ":" u32 "(" len ")"   start:end(payload length), relative to the
 *               sender's initial sequence number; end = start + len
 *   options   = "<" option *( "," option ) ">"
 *   option    = "mss" SP u16 | "wscale" SP 0..14 | "sackOK" | "nop" | "eol"
 *             | "TS" SP "val" SP u32 SP "ecr" SP u32 | "sack" 1*( SP u32 ":" u32 )
 *
 * Like packetdrill, `<` is inbound to the system under test (here: the learner) and `>`
 * outbound from it; acknowledgment numbers are relative to the other side's ISN. An
 * injected ACK must say `ack n`; on an expected segment an omitted `ack` or `win` is not
 * compared. Timing is not part of a line: the step's `at`/`when` says when it applies.
 */

export interface PacketFlags {
  syn: boolean;
  fin: boolean;
  rst: boolean;
  psh: boolean;
  ack: boolean;
  urg: boolean;
  ece: boolean;
  cwr: boolean;
}

export type PacketOption =
  | { kind: 'mss'; value: number }
  | { kind: 'wscale'; value: number }
  | { kind: 'sackOK' }
  | { kind: 'nop' }
  | { kind: 'eol' }
  | { kind: 'timestamps'; value: number; echo: number }
  | { kind: 'sack'; blocks: Array<[number, number]> };

export interface PacketLine {
  /** inject: the puppet sends it ("<"); expect: the learner must send it (">"). */
  direction: 'inject' | 'expect';
  flags: PacketFlags;
  /** Relative sequence numbers: payload occupies [start, end), length = end - start. */
  seq: { start: number; end: number; length: number };
  /** Relative acknowledgment number; null when the segment carries no ACK or it is not compared. */
  ack: number | null;
  /** Window field; null = default 65535 when injected, not compared when expected. */
  window: number | null;
  /** Options in wire order. */
  options: PacketOption[];
}

export interface PacketLineError {
  /** 1-based column of the offending token. */
  column: number;
  message: string;
}

export type PacketLineResult = { ok: true; packet: PacketLine } | { ok: false; error: PacketLineError };

const FLAG_LETTERS: Record<string, keyof PacketFlags> = {
  S: 'syn',
  F: 'fin',
  R: 'rst',
  P: 'psh',
  '.': 'ack',
  U: 'urg',
  E: 'ece',
  W: 'cwr',
};
const FLAG_ORDER = ['S', 'F', 'R', 'P', 'U', 'E', 'W', '.'];
const U32_MAX = 0xffffffff;

interface Token {
  text: string;
  column: number;
}

class LineError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], column: (match.index ?? 0) + 1 }));
}

function parseUint(
  token: Token,
  max: number,
  what: string,
  text = token.text,
  column = token.column,
): number {
  if (!/^\d+$/.test(text)) throw new LineError(column, `${what} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value > max) throw new LineError(column, `${what} ${value} is larger than ${max}`);
  return value;
}

function parseFlags(token: Token): PacketFlags {
  const flags: PacketFlags = {
    syn: false,
    fin: false,
    rst: false,
    psh: false,
    ack: false,
    urg: false,
    ece: false,
    cwr: false,
  };
  [...token.text].forEach((letter, offset) => {
    const flag = FLAG_LETTERS[letter];
    const column = token.column + offset;
    if (flag === undefined) {
      throw new LineError(column, `unknown flag "${letter}" — flags are S F R P . U E W (. is ACK)`);
    }
    if (flags[flag]) throw new LineError(column, `flag "${letter}" appears twice`);
    flags[flag] = true;
  });
  return flags;
}

function parseSeq(token: Token): PacketLine['seq'] {
  const match = /^(\d+):(\d+)\((\d+)\)$/.exec(token.text);
  if (match === null) {
    throw new LineError(token.column, `expected start:end(length) such as 1:1(0), got "${token.text}"`);
  }
  const start = parseUint(token, U32_MAX, 'sequence start', match[1]);
  const end = parseUint(token, U32_MAX, 'sequence end', match[2]);
  const length = parseUint(token, 65535, 'payload length', match[3]);
  if ((end - start) >>> 0 !== length) {
    throw new LineError(
      token.column,
      `${token.text}: end − start is ${(end - start) >>> 0} but the length says ${length}`,
    );
  }
  return { start, end, length };
}

function parseOption(text: string, column: number): PacketOption {
  const words = text.trim().split(/\s+/);
  const token = (index: number): Token => ({ text: words[index] ?? '', column });
  const arity = (n: number) => {
    if (words.length !== n) throw new LineError(column, `option "${text.trim()}" takes ${n - 1} value(s)`);
  };
  switch (words[0]) {
    case 'mss':
      arity(2);
      return { kind: 'mss', value: parseUint(token(1), 65535, 'mss') };
    case 'wscale':
      arity(2);
      return { kind: 'wscale', value: parseUint(token(1), 14, 'wscale') };
    case 'sackOK':
      arity(1);
      return { kind: 'sackOK' };
    case 'nop':
      arity(1);
      return { kind: 'nop' };
    case 'eol':
      arity(1);
      return { kind: 'eol' };
    case 'TS':
      if (words.length !== 5 || words[1] !== 'val' || words[3] !== 'ecr') {
        throw new LineError(column, `timestamps are written "TS val <n> ecr <n>"`);
      }
      return {
        kind: 'timestamps',
        value: parseUint(token(2), U32_MAX, 'TS val'),
        echo: parseUint(token(4), U32_MAX, 'TS ecr'),
      };
    case 'sack': {
      if (words.length < 2) throw new LineError(column, 'sack needs at least one block left:right');
      const blocks = words.slice(1).map((block): [number, number] => {
        const edges = /^(\d+):(\d+)$/.exec(block);
        if (edges === null) throw new LineError(column, `a sack block is left:right, got "${block}"`);
        return [
          parseUint(token(0), U32_MAX, 'sack edge', edges[1]),
          parseUint(token(0), U32_MAX, 'sack edge', edges[2]),
        ];
      });
      return { kind: 'sack', blocks };
    }
    default:
      throw new LineError(
        column,
        `unknown option "${words[0]}" — options are mss, wscale, sackOK, nop, eol, TS, sack`,
      );
  }
}

function parseOptions(line: string, column: number): PacketOption[] {
  const body = line.slice(column - 1);
  if (!body.endsWith('>')) throw new LineError(column, 'options start with "<" and must end with ">"');
  const inner = body.slice(1, -1);
  if (inner.trim() === '') throw new LineError(column, 'empty option list "<>"');
  const options: PacketOption[] = [];
  let offset = column;
  for (const part of inner.split(',')) {
    options.push(parseOption(part, offset + 1 + (part.length - part.trimStart().length)));
    offset += part.length + 1;
  }
  return options;
}

function parseLine(line: string): PacketLine {
  const tokens = tokenize(line);
  if (tokens.length === 0) throw new LineError(1, 'empty packet line');
  const [dir, flagsToken, seqToken] = tokens;
  if (/^\+?\d+(\.\d+)?$/.test(dir.text)) {
    throw new LineError(
      dir.column,
      "timestamps are not part of a packet line; use the step's `at` or `when`",
    );
  }
  if (dir.text !== '<' && dir.text !== '>') {
    throw new LineError(
      dir.column,
      `a line starts with "<" (inject toward the learner) or ">" (expect from the learner), got "${dir.text}"`,
    );
  }
  if (flagsToken === undefined)
    throw new LineError(line.length + 1, 'missing flags after the direction, e.g. "S" or "."');
  if (/^\d/.test(flagsToken.text))
    throw new LineError(flagsToken.column, 'missing flags before the sequence numbers, e.g. "S" or "."');
  const flags = parseFlags(flagsToken);
  if (seqToken === undefined) throw new LineError(line.length + 1, 'missing sequence numbers, e.g. 0:0(0)');
  const seq = parseSeq(seqToken);

  let ack: number | null = null;
  let window: number | null = null;
  let options: PacketOption[] = [];
  let index = 3;
  while (index < tokens.length) {
    const token = tokens[index];
    if (token.text.startsWith('<')) {
      options = parseOptions(line, token.column);
      break;
    }
    const value = tokens[index + 1];
    if (token.text === 'ack' || token.text === 'win') {
      if (value === undefined) throw new LineError(line.length + 1, `"${token.text}" needs a number`);
      if (token.text === 'ack') {
        if (ack !== null) throw new LineError(token.column, '"ack" appears twice');
        if (!flags.ack)
          throw new LineError(token.column, 'an ack number needs the ACK flag "." (e.g. "S." or ".")');
        ack = parseUint(value, U32_MAX, 'ack');
      } else {
        if (window !== null) throw new LineError(token.column, '"win" appears twice');
        window = parseUint(value, 65535, 'window');
      }
      index += 2;
      continue;
    }
    throw new LineError(token.column, `unexpected "${token.text}" — expected ack <n>, win <n> or <options>`);
  }
  const direction = dir.text === '<' ? 'inject' : 'expect';
  if (direction === 'inject' && flags.ack && ack === null) {
    throw new LineError(flagsToken.column, 'an injected segment with the ACK flag needs "ack <n>"');
  }
  return { direction, flags, seq, ack, window, options };
}

/** Parses one packet line; never throws. */
export function parsePacketLine(line: string): PacketLineResult {
  try {
    return { ok: true, packet: parseLine(line) };
  } catch (error) {
    if (error instanceof LineError)
      return { ok: false, error: { column: error.column, message: error.message } };
    throw error;
  }
}

function formatOption(option: PacketOption): string {
  switch (option.kind) {
    case 'mss':
    case 'wscale':
      return `${option.kind} ${option.value}`;
    case 'timestamps':
      return `TS val ${option.value} ecr ${option.echo}`;
    case 'sack':
      return `sack ${option.blocks.map(([left, right]) => `${left}:${right}`).join(' ')}`;
    default:
      return option.kind;
  }
}

/** The canonical text of a packet line; `parsePacketLine(formatPacketLine(p))` yields `p`. */
export function formatPacketLine(packet: PacketLine): string {
  const flags = FLAG_ORDER.filter((letter) => packet.flags[FLAG_LETTERS[letter]]).join('');
  const parts = [
    packet.direction === 'inject' ? '<' : '>',
    flags,
    `${packet.seq.start}:${packet.seq.end}(${packet.seq.length})`,
  ];
  if (packet.ack !== null) parts.push(`ack ${packet.ack}`);
  if (packet.window !== null) parts.push(`win ${packet.window}`);
  if (packet.options.length > 0) parts.push(`<${packet.options.map(formatOption).join(',')}>`);
  return parts.join(' ');
}
