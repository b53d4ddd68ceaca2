/** The built-in playground presets (EXERCISES.md, "playground"). The learner's host is always `you`. */
import {
  definePlaygroundPresets,
  type PlaygroundPreset,
  type PlaygroundPresetInput,
} from './playground-preset';

type LearnerInput = PlaygroundPresetInput['learner'];
const client: LearnerInput = { name: 'you', role: 'client', args: ['{host}', '{port}'], start: 'manual' };
const server: LearnerInput = {
  name: 'you',
  role: 'server',
  args: ['{port}'],
  ready: { listen: { port: '{port}' } },
};

const PRESETS: PlaygroundPresetInput[] = [
  {
    id: 'echo-server',
    title: 'Echo server',
    description:
      'The peer accepts your connection and sends back every byte it receives. When you shut down ' +
      'your write side it finishes echoing and closes too: watch the four-way close.',
    learner: client,
    // ACKs at once: the ACK of your FIN leaves before the peer's FIN, never merged with it
    // (with delayed ACKs a close on EOF sends FIN+ACK, as three-way-close shows).
    peers: [{ name: 'server', tcp: { delayedAck: 0 } }],
    steps: [
      { listen: { peer: 'server' } },
      { start: { host: 'you' } },
      { accept: { peer: 'server', as: 'c' } },
      { echo: { conn: 'c' }, timeout: 60_000 },
      { close: { conn: 'c' } },
    ],
  },
  {
    id: 'half-closing-client',
    title: 'Client that half-closes',
    description:
      'The peer connects, sends one line and calls shutdown(SHUT_WR). Your read() returns 0 while ' +
      'your socket sits in CLOSE_WAIT; you may still send. The peer reads until you close.',
    learner: server,
    peers: [{ name: 'client' }],
    steps: [
      { connect: { peer: 'client', to: 'you', as: 'c' } },
      { send: { conn: 'c', data: 'hello, half-close\n' } },
      { shutdownWrite: { conn: 'c' } },
      { readToEof: { conn: 'c' }, timeout: 60_000 },
      { close: { conn: 'c' } },
    ],
  },
  {
    id: 'close-with-unread-data',
    title: 'Peer closes with unread data (RST)',
    description:
      'The peer accepts, lets your data arrive without reading it, then calls close(). With bytes ' +
      'still unread, TCP aborts instead of closing gracefully: it sends RST, not FIN, and your next ' +
      'read() or write() fails with ECONNRESET (or EPIPE).',
    learner: client,
    peers: [{ name: 'server' }],
    steps: [
      { listen: { peer: 'server' } },
      { start: { host: 'you' } },
      { accept: { peer: 'server', as: 'c' } },
      { when: { received: { conn: 'c', bytes: 1 } }, close: { conn: 'c' }, timeout: 30_000 },
    ],
  },
  {
    id: 'simultaneous-close',
    title: 'Crossing FINs (simultaneous close)',
    description:
      'Links are slowed by 100 ms and the peer calls close() the moment your socket enters FIN_WAIT_1, ' +
      'so the two FINs cross in flight. Each side receives a FIN while waiting for the ACK of its own: ' +
      'both go FIN_WAIT_1 → CLOSING → TIME_WAIT. Close the connection from your server to trigger it.',
    learner: server,
    peers: [{ name: 'client' }],
    impairments: [{ id: 'slow-links', delay: { ms: 100 } }],
    steps: [
      { connect: { peer: 'client', to: 'you', as: 'c' } },
      {
        when: { state: { host: 'you', role: 'accepted', reach: 'FIN_WAIT_1' } },
        close: { conn: 'c' },
        timeout: 60_000,
      },
    ],
  },
  {
    id: 'three-way-close',
    title: 'FIN merged with ACK (three-way close)',
    description:
      'The peer delays its ACKs by 200 ms and closes as soon as it sees your FIN, so its FIN travels ' +
      'in the same segment as the ACK of yours: FIN, FIN+ACK, ACK. Your socket does not wait in ' +
      'FIN_WAIT_2: the ACK and the FIN arrive together.',
    learner: client,
    peers: [{ name: 'server', tcp: { delayedAck: 200 } }],
    steps: [
      { listen: { peer: 'server' } },
      { start: { host: 'you' } },
      { accept: { peer: 'server', as: 'c' } },
      { readToEof: { conn: 'c' }, timeout: 60_000 },
      { close: { conn: 'c' } },
    ],
  },
  {
    id: 'silent-death',
    title: 'Peer dies silently',
    description:
      'One second after accepting, the peer vanishes: no FIN, no RST, nothing. Your writes are ' +
      'retransmitted with growing intervals; a blocked read() waits forever unless you set a timeout ' +
      'or enable keepalive.',
    learner: client,
    peers: [{ name: 'server' }],
    steps: [
      { listen: { peer: 'server' } },
      { start: { host: 'you' } },
      { accept: { peer: 'server', as: 'c' } },
      { at: 1_000, crash: { peer: 'server' } },
    ],
  },
  {
    id: 'reboot',
    title: 'Peer reboots',
    description:
      'One second after accepting, the peer reboots and forgets the connection. The next segment you ' +
      'send reaches a host that has never heard of it and is answered with RST: ECONNRESET.',
    learner: client,
    peers: [{ name: 'server' }],
    steps: [
      { listen: { peer: 'server' } },
      { start: { host: 'you' } },
      { accept: { peer: 'server', as: 'c' } },
      { at: 1_000, reboot: { peer: 'server' } },
    ],
  },
  {
    id: 'self-connection',
    title: 'TCP self-connection',
    description:
      'No peer at all: {host} is your own address. A client that binds port P and connects to its ' +
      'own address and port P sends a SYN to itself; simultaneous open carries it through SYN_SENT → ' +
      'SYN_RECEIVED → ESTABLISHED, connected to itself.',
    learner: { ...client, target: 'you', start: 'auto' },
    steps: [{ waitExit: { host: 'you' }, timeout: 30_000 }],
  },
];

export const playgroundPresets = definePlaygroundPresets(PRESETS);

/** The built-in preset with this id, or undefined (ids are unique: definePlaygroundPresets checks). */
export function findPlaygroundPreset(id: string): PlaygroundPreset | undefined {
  return playgroundPresets.find((preset) => preset.id === id);
}
