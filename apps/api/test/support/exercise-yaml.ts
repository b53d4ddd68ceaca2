/**
 * A small, valid exercise.yaml for the API tests: a line-echo server with one visible and
 * one hidden check. `variant` changes an explanation, i.e. the content of the spec.
 */
export function exerciseYaml(options: {
  id: string;
  title?: string;
  languages?: string[];
  variant?: number;
}): string {
  const languages = options.languages ?? ['c', 'python'];
  return `apiVersion: socklab.dev/v1
kind: Exercise
metadata:
  id: ${options.id}
  title: ${options.title ?? 'Echo one line'}
  summary: Accept one connection, echo one line, close.
  topics: [accept, echo]
  difficulty: intro

languages:
${languages.map((language) => `  ${language}: {}`).join('\n')}

hosts:
  learner:
    - name: server
      role: server
      args: ['{port}']
      ready: { listen: { port: '{port}' } }
  peers:
    - name: client

scenarios:
  - id: one-line
    title: The client sends one line and reads the echo
    steps:
      - connect: { peer: client, to: server, as: c1 }
      - send: { conn: c1, data: "hello\\n" }
      - readLine: { conn: c1, expect: hello }
      - close: { conn: c1 }

checks:
  - id: echoed
    title: The line comes back unchanged
    points: 10
    explanation: Echo variant ${options.variant ?? 1}; whatever arrives goes back, byte for byte.
    stream: { conn: c1, startsWith: ["hello\\n"] }
  - id: secret-close
    title: The server closes only after the client did
    points: 5
    visibility: hidden
    explanation: SECRET-EXPLANATION the passive closer waits for the peer's FIN.
    stream: { conn: c1, equals: ["hello\\n"] }
`;
}
