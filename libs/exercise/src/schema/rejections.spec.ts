import { fixtureDocument, fixtureText, type FixtureDocument } from '../__fixtures__/fixtures';
import { parseExerciseSpec, validateExerciseSpec, type SpecError } from './index';

/** The errors of a fixture after `mutate`, which edits the plain YAML document. */
function errorsAfter(
  mutate: (document: FixtureDocument) => void,
  fixture: 'half-close-echo' | 'ping-client' = 'half-close-echo',
) {
  const document = fixtureDocument(fixture);
  mutate(document);
  const result = validateExerciseSpec(document);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors.map(({ code, path, message }: SpecError) => ({ code, path, message }));
}

describe('validateExerciseSpec rejects malformed specs with the exact path and an actionable message', () => {
  it('unknown state name in a trigger, with a suggestion', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[5].when = { state: { host: 'server', reach: 'CLOSEWAIT' } };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[5].when.state.reach',
        message: 'unknown state "CLOSEWAIT" — did you mean CLOSE_WAIT?',
      },
    ]);
  });

  it('ss spellings of states in a state path are mapped to ours', () => {
    const errors = errorsAfter((doc) => {
      doc.checks[4].statePath.path[0] = 'SYN_RECV?';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'checks[4].statePath.path[0]',
        message: 'unknown state "SYN_RECV" — did you mean SYN_RECEIVED?',
      },
    ]);
  });

  it('a bad packet line reports the column and the rule broken', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps.splice(1, 0, {
        puppet: {
          peer: 'client',
          to: 'server',
          lines: ['< S 0:0(0) win 65535 <mss 1460>', '> S. 0:0(0) ack 1', '< R 1:3(0)'],
        },
      });
    });
    expect(errors).toEqual([
      {
        code: 'exercise/bad-packet-line',
        path: 'scenarios[0].steps[1].puppet.lines[2]',
        message: 'column 5: 1:3(0): end − start is 2 but the length says 0 (in "< R 1:3(0)")',
      },
    ]);
  });

  it('duplicate check id', () => {
    const errors = errorsAfter((doc) => {
      doc.checks[2].id = 'echo-complete';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/duplicate-id',
        path: 'checks[2].id',
        message: 'duplicate check "echo-complete" (first declared at checks[0].id)',
      },
    ]);
  });

  it('a language whose files differ from the default must give build and run', () => {
    const errors = errorsAfter((doc) => {
      doc.languages.c = { files: ['server.c'], run: ['./server'] };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/missing-toolchain',
        path: 'languages.c.build',
        message:
          'c.files is [server.c], not the default [main.c], so the default build command "gcc -O2 -Wall -o prog main.c" would not fit: give build explicitly',
      },
    ]);
  });

  it('an unknown language gets a suggestion', () => {
    const errors = errorsAfter((doc) => {
      doc.languages.pyhton = {};
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-field',
        path: 'languages.pyhton',
        message: 'unknown field "pyhton" — did you mean python?',
      },
    ]);
  });

  it('unknown host reference', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[1].steps[0].connect.to = 'sever';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[1].steps[0].connect.to',
        message: 'unknown host "sever" — did you mean server?',
      },
    ]);
  });

  it('the afterSegment pattern of a syscall check names hosts that exist', () => {
    const errors = errorsAfter((doc) => {
      doc.checks.push({
        id: 'writes-stop',
        title: 'Writes stop after the reset',
        points: 5,
        explanation: 'After the RST, stop writing.',
        syscall: {
          host: 'server',
          name: 'write',
          afterSegment: { match: { host: 'clinet', flags: 'R' }, graceMs: 200 },
          count: { max: 0 },
        },
      });
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'checks[6].syscall.afterSegment.match.host',
        message: 'unknown host "clinet" — did you mean client?',
      },
    ]);
  });

  it('answersAfterEnd belongs to TCP patterns', () => {
    const errors = errorsAfter((doc) => {
      doc.checks[5].packets.match.answersAfterEnd = false;
      doc.checks[3].packets.match = { protocol: 'udp', answersAfterEnd: false };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'checks[3].packets.match.answersAfterEnd',
        message: 'answersAfterEnd applies to TCP segments only, and this pattern has protocol: udp',
      },
    ]);
  });

  it('answersAfterEnd is for checks: an impairment cannot know it when a frame passes', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].impairments = [{ id: 'late', match: { flags: 'R', answersAfterEnd: true }, drop: {} }];
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].impairments[0].match.answersAfterEnd',
        message:
          'answersAfterEnd is judged over the whole capture, after the run: checks can use it, an impairment acting on a frame cannot',
      },
    ]);
  });

  it('a learner host cannot act as a peer, and a peer cannot be signalled', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[0].connect.peer = 'server';
      doc.scenarios[0].steps.push({ signal: { host: 'client', signal: 'SIGTERM' } });
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[0].connect.peer',
        message: '"server" is a learner host; only peers act in steps (declare a peer under hosts.peers)',
      },
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[6].signal.host',
        message: '"client" is a peer; signal acts on a learner program',
      },
    ]);
  });

  it('trigger on an unknown step, and on a step that comes later', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[5].when = { step: 'half-clse', done: true };
      doc.scenarios[1].steps[1].when = { step: 'half-close', done: true };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[5].when.step',
        message: 'unknown step "half-clse" — did you mean half-close?',
      },
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[1].steps[1].when.step',
        message: 'step "half-close" comes later in the scenario; a step can only wait for an earlier one',
      },
    ]);
  });

  it('a step trigger must say done: true', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[5].when = { step: 'half-close' };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[5].when',
        message: 'write {step: half-close, done: true}',
      },
    ]);
  });

  it('negative points', () => {
    const errors = errorsAfter((doc) => {
      doc.checks[0].points = -5;
    });
    expect(errors).toEqual([
      { code: 'exercise/invalid-spec', path: 'checks[0].points', message: 'must be at least 0, got -5' },
    ]);
  });

  it('unknown field in a strict object, with a suggestion', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[1] = { sned: { conn: 'c1', data: 'x' } };
    });
    expect(errors).toContainEqual({
      code: 'exercise/unknown-field',
      path: 'scenarios[0].steps[1].sned',
      message: 'unknown field "sned" — did you mean send?',
    });
  });

  it('a step with two actions, or none', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[4] = { shutdownWrite: { conn: 'c1' }, close: { conn: 'c1' } };
      doc.scenarios[1].steps[4] = { timeout: 100 };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[4]',
        message: 'a step has shutdownWrite and close; it takes exactly one — split it',
      },
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[1].steps[4]',
        message: expect.stringMatching(
          /^a step needs exactly one of: connect, listen, accept, send, .* parallel or repeat$/,
        ),
      },
    ]);
  });

  it('a connection used before any step created it', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[1].send.conn = 'c2';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'scenarios[0].steps[1].send.conn',
        message:
          'unknown connection "c2" — did you mean c1? (connections are named by an earlier connect or accept "as")',
      },
    ]);
  });

  it('unquoted and unknown placeholders in argv templates', () => {
    const errors = errorsAfter((doc) => {
      doc.hosts.learner[0].args = [{ port: null }, '{prot}'];
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'hosts.learner[0].args[0]',
        message: 'write "{port}" in quotes: unquoted {port} is a YAML mapping',
      },
    ]);
    const unknown = errorsAfter((doc) => {
      doc.hosts.learner[0].args = ['{prot}'];
    });
    expect(unknown).toEqual([
      {
        code: 'exercise/unknown-placeholder',
        path: 'hosts.learner[0].args[0]',
        message: 'unknown placeholder {prot} — did you mean port?',
      },
    ]);
  });

  it('{file} requires every scenario to declare its input file', () => {
    const errors = errorsAfter((doc) => {
      doc.hosts.learner[0].args = ['{port}', '{file}'];
      doc.scenarios[0].file = { name: 'upload.bin', bytes: 1024 };
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[1].file',
        message: 'hosts.learner[0] uses {file}, so every scenario needs file: {name, text | bytes}',
      },
    ]);
  });

  it('limits above the hard maximum', () => {
    const errors = errorsAfter((doc) => {
      doc.limits.wallMs = 600000;
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'limits.wallMs',
        message: 'wallMs may not exceed the hard maximum of 120000 ms',
      },
    ]);
  });

  it('faulty solutions must name existing checks', () => {
    const errors = errorsAfter((doc) => {
      doc.faultySolutions['never-closes'].mustFail = ['server-close-pth'];
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'faultySolutions["never-closes"].mustFail[0]',
        message:
          'unknown check "server-close-pth" (faulty solution "never-closes") — did you mean server-close-path?',
      },
    ]);
  });

  it('an address part of a stream check names a host', () => {
    const errors = errorsAfter((doc) => {
      doc.checks[0].stream = { conn: 'c1', equals: ['HELLO ', { address: 'clinet' }, '\n'] };
    });
    expect(errors[0]).toMatchObject({
      code: 'exercise/unknown-reference',
      path: 'checks[0].stream.equals[1].address',
    });
    expect(errors[0].message).toContain('clinet');
  });

  it('checks may only mention connections of the scenarios they cover', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[1].steps[0].connect.as = 'k1';
      for (const step of doc.scenarios[1].steps.slice(1)) {
        for (const action of Object.values<FixtureDocument>(step)) if (action.conn) action.conn = 'k1';
      }
    });
    expect(errors[0]).toEqual({
      code: 'exercise/unknown-reference',
      path: 'checks[0].stream.conn',
      message:
        'connection "c1" does not exist in scenario "one-byte-segments"; limit the check with scenarios: [...] or name it there',
    });
  });

  it('{i} only inside repeat, and repeated connections need {i}', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps.push(
        { send: { conn: 'c{i}', data: 'x' } },
        {
          repeat: {
            count: 4,
            concurrently: true,
            steps: [{ connect: { peer: 'client', to: 'server', as: 'burst' } }],
          },
        },
      );
    });
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-placeholder',
        path: 'scenarios[0].steps[6].send.conn',
        message: '{i} in "c{i}" is only defined inside repeat',
      },
      {
        code: 'exercise/duplicate-id',
        path: 'scenarios[0].steps[7].repeat.steps[0].connect.as',
        message: 'inside repeat every iteration opens its own connection: name it with {i}, e.g. "burst{i}"',
      },
    ]);
  });

  it('send segmentation must cover the data exactly', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[1].steps[3].send.segmentation = [1, 2];
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[1].steps[3].send.segmentation',
        message: 'segment sizes add up to 3 bytes but the data is 4 bytes',
      },
    ]);
  });

  it('a port is a number or "{port}"', () => {
    const errors = errorsAfter((doc) => {
      doc.scenarios[0].steps[0].connect.port = 70000;
      doc.scenarios[1].steps[0].connect.port = 'http';
    });
    expect(errors).toEqual([
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[0].steps[0].connect.port',
        message: 'must be at most 65535, got 70000',
      },
      {
        code: 'exercise/invalid-spec',
        path: 'scenarios[1].steps[0].connect.port',
        message: 'a port is a number 1–65535 or "{port}" (the run\'s service port), got "http"',
      },
    ]);
  });

  it('a {host} placeholder needs an unambiguous target', () => {
    const errors = errorsAfter((doc) => {
      doc.hosts.peers.push({ name: 'backup' });
    }, 'ping-client');
    expect(errors).toEqual([
      {
        code: 'exercise/unknown-reference',
        path: 'hosts.learner[0].target',
        message: '{host} needs a target: there are 2 peers, so name the one {host} stands for with target',
      },
    ]);
  });

  it('apiVersion and kind are fixed', () => {
    const errors = errorsAfter((doc) => {
      doc.apiVersion = 'socklab.dev/v2';
      delete doc.kind;
    });
    expect(errors).toEqual([
      { code: 'exercise/invalid-spec', path: 'apiVersion', message: 'apiVersion must be "socklab.dev/v1"' },
      { code: 'exercise/invalid-spec', path: 'kind', message: 'kind must be "Exercise"' },
    ]);
  });
});

describe('parseExerciseSpec reports positions in the YAML text', () => {
  it('points schema errors at the line and column of the value', () => {
    const text = fixtureText('half-close-echo').replace('points: 30', 'points: -30');
    const result = parseExerciseSpec(text);
    expect(result.ok).toBe(false);
    const lineOfPoints = text.split('\n').findIndex((line) => line.includes('points: -30')) + 1;
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ path: 'checks[0].points', line: lineOfPoints, column: 13 }),
    ]);
  });

  it('reports YAML syntax errors with their position and nothing else', () => {
    const result = parseExerciseSpec('apiVersion: socklab.dev/v1\nkind: Exercise\nkind: Exercise\n');
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'exercise/yaml-syntax',
        line: 3,
        column: 1,
        message: expect.stringContaining('unique'),
      }),
    ]);
  });
});
