import { echoTrace, ECHO_CONNECTION, REFUSED_CONNECTION } from '../../../test/support/trace-fixture';
import { connectionFlows } from './connection-flows';
import { flowOf, MAX_DIAGRAM_SEGMENTS, mermaidSequence } from './mermaid-sequence';

describe('mermaidSequence', () => {
  const trace = echoTrace();
  const diagramOf = (id: string) => {
    const flow = flowOf(trace, id);
    if (!flow) throw new Error(`no flow ${id}`);
    return mermaidSequence(trace, flow);
  };

  it('draws both endpoints, every segment in order, and a dropped one with a cross', () => {
    const lines = diagramOf(ECHO_CONNECTION).trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'sequenceDiagram',
      '  title 10.0.0.2:40000-10.0.0.1:7000',
      '  participant O as client 10.0.0.2:40000',
      '  participant R as server 10.0.0.1:7000',
    ]);
    const arrows = lines.filter((l) => /^ {2}[OR](->>|-x)[OR]:/.test(l));
    expect(arrows).toEqual([
      '  O->>R: SYN seq=0 win=64240',
      '  R->>O: SYN,ACK seq=0 ack=1 win=64240',
      '  O->>R: ACK seq=1 ack=1 win=64240',
      '  O-xR: PSH,ACK seq=1 ack=1 win=64240 len=5 (dropped)',
      '  O->>R: PSH,ACK seq=1 ack=1 win=64240 len=5',
      '  R->>O: ACK seq=1 ack=6 win=64240',
      '  R->>O: PSH,ACK seq=1 ack=6 win=64240 len=5',
      '  O->>R: FIN,ACK seq=6 ack=6 win=64240',
      '  R->>O: FIN,ACK seq=6 ack=7 win=64240',
      '  O->>R: ACK seq=7 ack=7 win=64240',
    ]);
  });

  it('notes state changes from the best source once each, and the socket calls, on the timeline', () => {
    const text = diagramOf(ECHO_CONNECTION);
    expect(text).toContain('Note over O: SYN_SENT on connect() [kernel]');
    expect(text).not.toContain('[inferred]');
    expect(text).toContain('Note over O: ESTABLISHED → FIN_WAIT_1 on shutdown(SHUT_WR) [kernel]');
    expect(text).toContain('Note over R: LAST_ACK → CLOSED [netstack]');
    const lines = text.split('\n');
    const shutdownCall = lines.indexOf('  Note over O: shutdown() = 0');
    const clientFin = lines.indexOf('  O->>R: FIN,ACK seq=6 ack=6 win=64240');
    expect(shutdownCall).toBeGreaterThan(0);
    expect(shutdownCall).toBeLessThan(clientFin);
    expect(text).not.toContain('ECONNREFUSED');
  });

  it('puts a refused connect() on the refused connection', () => {
    expect(diagramOf(REFUSED_CONNECTION)).toContain('Note over O: connect() = -1 ECONNREFUSED');
  });

  it('escapes what Mermaid would misread and caps the number of segments drawn', () => {
    const noisy = echoTrace();
    noisy.hosts[0].name = 'client; #1';
    const many = { ...noisy, packets: [] as typeof noisy.packets };
    for (let i = 0; i < MAX_DIAGRAM_SEGMENTS + 7; i++)
      many.packets.push({ ...noisy.packets[2], index: i, t: i });
    const flow = connectionFlows(many).find((f) => f.connection.id === ECHO_CONNECTION);
    if (!flow) throw new Error('flow missing');
    const text = mermaidSequence(many, flow);
    expect(text).toContain('participant O as client#59; #35;1 10.0.0.2:40000');
    expect(text.match(/O->>R/g)).toHaveLength(MAX_DIAGRAM_SEGMENTS);
    expect(text).toContain('Note over O,R: 7 more segments not drawn');
  });
});
