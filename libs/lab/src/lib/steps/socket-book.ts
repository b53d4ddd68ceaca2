/**
 * Live socket state histories per host, for `when: {state: …}` triggers: learner sockets
 * from kernel tracepoint events, peer sockets from the netstack's transition hooks.
 * Sockets are numbered per host in order of first sight (the selector's `nth`).
 */
import type { SocketSelector } from '@socklab/exercise';
import type { TcpState } from '@socklab/netstack';

interface SocketHistory {
  key: string;
  localPort: number;
  states: TcpState[];
}

export type SocketRole = 'listener' | 'accepted' | 'connected';

export class SocketBook {
  private readonly byHost = new Map<string, SocketHistory[]>();

  record(
    host: string,
    local: { addr: string; port: number },
    remote: { addr: string; port: number },
    from: TcpState,
    to: TcpState,
  ): void {
    const key = `${local.addr}:${local.port}>${remote.addr}:${remote.port}`;
    const list = this.byHost.get(host) ?? [];
    this.byHost.set(host, list);
    let socket = [...list].reverse().find((s) => s.key === key && s.states.at(-1) !== 'CLOSED');
    if (!socket) {
      socket = { key, localPort: local.port, states: [from] };
      list.push(socket);
    }
    socket.states.push(to);
  }

  /**
   * True when a socket matching the selector has reached `state`. Every socket starts in
   * CLOSED (RFC 9293 §3.3.2): the CLOSED a history begins with was not reached, so
   * `reach: CLOSED` waits for the end of the connection.
   */
  reached(selector: SocketSelector, state: TcpState, port: number): boolean {
    const wantedPort = selector.port === '{port}' ? port : selector.port;
    const candidates = (this.byHost.get(selector.host) ?? []).filter(
      (s) =>
        (wantedPort === undefined || s.localPort === wantedPort) &&
        (selector.role === undefined || roleOf(s) === selector.role),
    );
    const chosen = selector.nth === undefined ? candidates : candidates.slice(selector.nth - 1, selector.nth);
    return chosen.some((s) =>
      s.states.some((entered, i) => entered === state && (i > 0 || state !== 'CLOSED')),
    );
  }
}

function roleOf(socket: SocketHistory): SocketRole {
  if (socket.states.includes('LISTEN')) return 'listener';
  return socket.states.includes('SYN_SENT') ? 'connected' : 'accepted';
}
