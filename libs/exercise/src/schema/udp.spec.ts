import { fixtureDocument, type FixtureDocument } from '../__fixtures__/fixtures';
import { exerciseJsonSchema } from './json-schema';
import { ICMP_KINDS, isIcmpKind, validateExerciseSpec, type SpecError } from './index';

/** ping-client turned into a UDP exercise: the server peer answers PING datagrams. */
function udpDocument(): FixtureDocument {
  const doc = fixtureDocument('ping-client');
  doc.scenarios = [
    {
      id: 'echo',
      title: 'The server answers PONG',
      steps: [
        { udpBind: { peer: 'server', as: 'u1', answer: { data: 'PONG' } } },
        { start: { host: 'client' } },
        { udpReceive: { socket: 'u1', expect: 'PING' } },
        { udpSend: { socket: 'u1', data: 'late' } },
        { udpClose: { socket: 'u1' } },
        { waitExit: { host: 'client' } },
      ],
    },
  ];
  doc.checks = [
    {
      id: 'ping-datagram',
      title: 'PING is sent',
      points: 50,
      explanation: 'x',
      packets: { match: { protocol: 'udp', direction: 'learner-to-peer', data: 'PING' }, count: { min: 1 } },
    },
    {
      id: 'unreachable',
      title: 'no ICMP',
      points: 50,
      explanation: 'x',
      packets: { match: { protocol: 'icmp', icmp: 'port-unreachable' }, none: true },
    },
  ];
  doc.faultySolutions = {};
  return doc;
}

function errorsOf(mutate: (doc: FixtureDocument) => void) {
  const doc = udpDocument();
  mutate(doc);
  const result = validateExerciseSpec(doc);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors.map(({ code, path, message }: SpecError) => ({ code, path, message }));
}

describe('UDP in the spec language', () => {
  it('accepts UDP peer steps and UDP/ICMP packet patterns', () => {
    const result = validateExerciseSpec(udpDocument());
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const steps = result.value.scenarios[0].steps.map((step) => step.action);
    expect(steps[0]).toEqual({
      kind: 'udpBind',
      peer: 'server',
      port: '{port}',
      as: 'u1',
      answer: { data: 'PONG' },
    });
    expect(steps[2]).toEqual({ kind: 'udpReceive', socket: 'u1', expect: 'PING' });
    expect(result.value.checks[1].assert).toMatchObject({
      kind: 'packets',
      match: { protocol: 'icmp', icmp: 'port-unreachable' },
    });
  });

  it('rejects pattern fields of another protocol, saying which protocol they belong to', () => {
    const errors = errorsOf((doc) => {
      doc.checks[0].packets.match.flags = 'S';
      doc.checks[1].packets.match = { data: 'PING' };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'checks[0].packets.match.flags',
        message: 'flags applies to TCP segments only, and this pattern has protocol: udp',
      },
      {
        code: 'exercise/invalid-spec',
        path: 'checks[1].packets.match.data',
        message: 'data applies to UDP datagrams only: add protocol: udp',
      },
    ]);
  });

  it('rejects payload sizes of ICMP messages and unknown ICMP kinds, with a suggestion', () => {
    const errors = errorsOf((doc) => {
      doc.checks[1].packets.match = { protocol: 'icmp', icmp: 'port-unreachabel', payloadBytes: { min: 1 } };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'checks[1].packets.match.icmp',
        message: expect.stringContaining('did you mean port-unreachable?'),
      },
    ]);
    const sizes = errorsOf((doc) => {
      doc.checks[1].packets.match = { protocol: 'icmp', payloadBytes: { min: 1 } };
    });
    expect(sizes).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'checks[1].packets.match.payloadBytes',
        message: 'payloadBytes applies to TCP segments and UDP datagrams, not ICMP messages',
      },
    ]);
  });

  it('rejects a malformed answer, a port without a host, and an unknown UDP socket', () => {
    const errors = errorsOf((doc) => {
      doc.scenarios[0].steps[0].udpBind.answer = 'PONG';
      doc.scenarios[0].steps[3].udpSend.port = 9;
      doc.scenarios[0].steps[4].udpClose.socket = 'u2';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[0].udpBind.answer',
        message: 'answer is "echo" or {data: <text>}',
      },
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[3].udpSend.port',
        message: 'port goes with to: name the host as well',
      },
    ]);
    const references = errorsOf((doc) => {
      doc.scenarios[0].steps[4].udpClose.socket = 'u2';
      doc.scenarios[0].steps.push({ udpBind: { peer: 'client', as: 'u1' } });
    });
    expect(references).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[4].udpClose.socket',
        message:
          'unknown UDP socket "u2" (UDP sockets are named by an earlier udpBind "as") — did you mean u1?',
      },
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[6].udpBind.peer',
        message: '"client" is a learner host; only peers act in steps (declare a peer under hosts.peers)',
      },
      {
        code: 'exercise/duplicate-id',
        path: 'scenarios[0].steps[6].udpBind.as',
        message: 'duplicate UDP socket "u1" (first declared at scenarios[0].steps[0].udpBind.as)',
      },
    ]);
  });

  it('names ICMP messages by their RFC 792 type and code', () => {
    const kindsOf = (type: number, code: number) => ICMP_KINDS.filter((kind) => isIcmpKind(kind, type, code));
    expect(kindsOf(3, 3)).toEqual(['unreachable', 'port-unreachable']);
    expect(kindsOf(3, 1)).toEqual(['unreachable', 'host-unreachable']);
    expect(kindsOf(3, 0)).toEqual(['unreachable', 'net-unreachable']);
    expect(kindsOf(0, 0)).toEqual(['echo-reply']);
    expect(kindsOf(8, 0)).toEqual(['echo-request']);
    expect(kindsOf(11, 0)).toEqual([]);
  });

  it('exports the UDP steps and pattern fields in the JSON Schema', () => {
    const defs = (exerciseJsonSchema() as { $defs: Record<string, Record<string, unknown>> }).$defs;
    const stepKinds = (defs.Step.oneOf as Array<{ required: string[] }>).map((option) => option.required[0]);
    expect(stepKinds).toEqual(expect.arrayContaining(['udpBind', 'udpReceive', 'udpSend', 'udpClose']));
    const pattern = defs.PacketPattern.properties as Record<string, { enum?: string[] }>;
    expect(pattern.protocol.enum).toEqual(['tcp', 'udp', 'icmp']);
    expect(pattern.icmp.enum).toContain('port-unreachable');
  });
});
