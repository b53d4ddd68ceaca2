import { echoTrace, ECHO_CONNECTION, REFUSED_CONNECTION } from '../../../test/support/trace-fixture';
import { connectionFlows } from './connection-flows';
import { connState, history, zeekConnLog } from './zeek-conn-log';

const opened = new Date('2026-03-01T12:00:00Z');

function records(log: string): Record<string, string>[] {
  const lines = log.trimEnd().split('\n');
  const fields =
    lines
      .find((l) => l.startsWith('#fields'))
      ?.split('\t')
      .slice(1) ?? [];
  return lines
    .filter((l) => !l.startsWith('#'))
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [fields[i], v])));
}

describe('zeekConnLog', () => {
  const log = zeekConnLog(echoTrace(), opened);

  it('writes Zeek’s header with matching #fields and #types and a record per connection', () => {
    const lines = log.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tconn',
      '#open\t2026-03-01-12-00-00',
    ]);
    const fields = lines.find((l) => l.startsWith('#fields'))?.split('\t') ?? [];
    const types = lines.find((l) => l.startsWith('#types'))?.split('\t') ?? [];
    expect(fields).toHaveLength(types.length);
    expect(fields.slice(1, 4)).toEqual(['ts', 'uid', 'id.orig_h']);
    expect(log.trimEnd().split('\n').at(-1)).toMatch(/^#close\t/);
    for (const record of records(log)) expect(Object.keys(record)).toHaveLength(fields.length - 1);
  });

  it('summarises the half-closed echo connection: both FINs, bytes counted once despite the retransmission', () => {
    const [echo] = records(log);
    expect(echo).toMatchObject({
      ts: '0.001000',
      uid: ECHO_CONNECTION,
      'id.orig_h': '10.0.0.2',
      'id.orig_p': '40000',
      'id.resp_h': '10.0.0.1',
      'id.resp_p': '7000',
      proto: 'tcp',
      duration: '0.208000',
      orig_bytes: '5',
      resp_bytes: '5',
      conn_state: 'SF',
      history: 'ShADTadFf',
      orig_pkts: '6',
      resp_pkts: '4',
      orig_ip_bytes: '-',
    });
  });

  it('reports a connection refused with RST as REJ', () => {
    expect(records(log)[1]).toMatchObject({ uid: REFUSED_CONNECTION, conn_state: 'REJ', history: 'Sr' });
  });
});

describe('connState', () => {
  const flows = connectionFlows(echoTrace());
  const echo = flows[0].segments;
  const side = (fromOrig: boolean, upTo: number) =>
    echo.slice(0, upTo).filter((s) => s.fromOrig === fromOrig);

  it('follows the connection through Zeek’s states as segments accumulate', () => {
    expect(connState(side(true, 1), side(false, 1))).toBe('S0');
    expect(connState(side(true, 3), side(false, 3))).toBe('S1');
    expect(connState(side(true, 8), side(false, 8))).toBe('S2');
    expect(connState(side(true, 10), side(false, 10))).toBe('SF');
    const midstream = (fromOrig: boolean) => side(fromOrig, 10).filter((s) => !s.flags.syn);
    expect(connState(midstream(true), midstream(false))).toBe('OTH');
    expect(connState([], side(false, 10))).toBe('SHR');
    const rst = { ...echo[2], flags: { ...echo[2].flags, rst: true } };
    expect(connState([...side(true, 3), rst], side(false, 3))).toBe('RSTO');
  });

  it('marks a retransmission T and a zero window W in the history', () => {
    expect(history(echo)).toContain('T');
    expect(history([{ ...echo[2], window: 0 }])).toBe('AW');
  });
});
