import { formatPacketLine, parsePacketLine, type PacketLine } from './packet-line';

const parsed = (line: string): PacketLine => {
  const result = parsePacketLine(line);
  if (!result.ok) throw new Error(`rejected: ${result.error.message}`);
  return result.packet;
};
const rejection = (line: string) => {
  const result = parsePacketLine(line);
  if (result.ok) throw new Error(`accepted: ${line}`);
  return result.error;
};

describe('parsePacketLine', () => {
  it('parses an injected SYN with window and options', () => {
    expect(parsed('< S 0:0(0) win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>')).toEqual({
      direction: 'inject',
      flags: {
        syn: true,
        fin: false,
        rst: false,
        psh: false,
        ack: false,
        urg: false,
        ece: false,
        cwr: false,
      },
      seq: { start: 0, end: 0, length: 0 },
      ack: null,
      window: 65535,
      options: [
        { kind: 'mss', value: 1460 },
        { kind: 'sackOK' },
        { kind: 'timestamps', value: 100, echo: 0 },
        { kind: 'nop' },
        { kind: 'wscale', value: 7 },
      ],
    });
  });

  it('parses expected segments, where ack and window may be left out', () => {
    expect(parsed('> S. 0:0(0) ack 1')).toMatchObject({
      direction: 'expect',
      flags: { syn: true, ack: true },
      ack: 1,
      window: null,
    });
    expect(parsed('> P. 1:11(10) ack 1')).toMatchObject({
      flags: { psh: true, ack: true },
      seq: { start: 1, end: 11, length: 10 },
    });
    expect(parsed('> R 1:1(0)')).toMatchObject({ flags: { rst: true, ack: false }, ack: null });
    expect(parsed('> .  1:1(0)')).toMatchObject({ flags: { ack: true }, ack: null });
  });

  it('handles sequence wrap-around and sack blocks', () => {
    expect(parsed('< . 4294967295:9(10) ack 1 <sack 1:5 9:12>')).toMatchObject({
      seq: { start: 4294967295, end: 9, length: 10 },
      options: [
        {
          kind: 'sack',
          blocks: [
            [1, 5],
            [9, 12],
          ],
        },
      ],
    });
  });

  it('round-trips through formatPacketLine', () => {
    for (const line of [
      '< S 0:0(0) win 65535 <mss 1460,wscale 7>',
      '> S. 0:0(0) ack 1',
      '< F. 1:1(0) ack 1 win 512',
      '> R 1:1(0)',
    ]) {
      expect(formatPacketLine(parsed(line))).toBe(line);
    }
    expect(formatPacketLine(parsed('< .S 0:0(0) ack 1'))).toBe('< S. 0:0(0) ack 1');
  });

  it.each([
    ['< X 0:0(0)', 3, 'unknown flag "X" — flags are S F R P . U E W (. is ACK)'],
    ['< SS 0:0(0)', 4, 'flag "S" appears twice'],
    ['< 0:0(0)', 3, 'missing flags before the sequence numbers, e.g. "S" or "."'],
    ['< S', 4, 'missing sequence numbers, e.g. 0:0(0)'],
    ['< S 0-0(0)', 5, 'expected start:end(length) such as 1:1(0), got "0-0(0)"'],
    ['< P. 1:5(3) ack 1', 6, '1:5(3): end − start is 4 but the length says 3'],
    ['< S 0:0(0) ack 1', 12, 'an ack number needs the ACK flag "." (e.g. "S." or ".")'],
    ['< . 1:1(0)', 3, 'an injected segment with the ACK flag needs "ack <n>"'],
    ['< S 0:0(0) win 70000', 16, 'window 70000 is larger than 65535'],
    ['< S 0:0(0) win', 15, '"win" needs a number'],
    ['< S 0:0(0) wnd 5', 12, 'unexpected "wnd" — expected ack <n>, win <n> or <options>'],
    ['< S 0:0(0) <mss 1460', 12, 'options start with "<" and must end with ">"'],
    ['< S 0:0(0) <mss 1460,wscale 15>', 22, 'wscale 15 is larger than 14'],
    [
      '< S 0:0(0) <mss 1460, foo>',
      23,
      'unknown option "foo" — options are mss, wscale, sackOK, nop, eol, TS, sack',
    ],
    ['< S 0:0(0) <TS 1 2>', 13, 'timestamps are written "TS val <n> ecr <n>"'],
    ['0.100 < S 0:0(0)', 1, "timestamps are not part of a packet line; use the step's `at` or `when`"],
    [
      'S 0:0(0)',
      1,
      'a line starts with "<" (inject toward the learner) or ">" (expect from the learner), got "S"',
    ],
    ['', 1, 'empty packet line'],
  ])('rejects %j at column %i', (line, column, message) => {
    expect(rejection(line)).toEqual({ column, message });
  });
});
