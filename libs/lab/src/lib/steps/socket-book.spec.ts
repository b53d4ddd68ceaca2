import { SocketBook } from './socket-book';

const client = { addr: '10.0.0.2', port: 49152 };
const server = { addr: '10.0.0.1', port: 8080 };

describe('SocketBook', () => {
  it('a connected socket reaches CLOSED only when its connection ends, not in the CLOSED it starts in', () => {
    const book = new SocketBook();
    const closed = () => book.reached({ host: 'client', role: 'connected', nth: 1 }, 'CLOSED', 8080);
    book.record('client', client, server, 'CLOSED', 'SYN_SENT');
    book.record('client', client, server, 'SYN_SENT', 'ESTABLISHED');
    expect(closed()).toBe(false);
    book.record('client', client, server, 'ESTABLISHED', 'CLOSE_WAIT');
    book.record('client', client, server, 'CLOSE_WAIT', 'LAST_ACK');
    expect(closed()).toBe(false);
    book.record('client', client, server, 'LAST_ACK', 'CLOSED');
    expect(closed()).toBe(true);
  });

  it('counts the first observed state as reached when it is not CLOSED (observation began late)', () => {
    const book = new SocketBook();
    book.record('server', server, client, 'SYN_RECEIVED', 'ESTABLISHED');
    expect(book.reached({ host: 'server', role: 'accepted' }, 'SYN_RECEIVED', 8080)).toBe(true);
    expect(book.reached({ host: 'server', role: 'accepted', port: '{port}' }, 'ESTABLISHED', 8080)).toBe(
      true,
    );
  });

  it('numbers a host’s sockets in order of first sight', () => {
    const book = new SocketBook();
    book.record('client', client, server, 'CLOSED', 'SYN_SENT');
    book.record('client', { ...client, port: 49153 }, server, 'CLOSED', 'SYN_SENT');
    book.record('client', { ...client, port: 49153 }, server, 'SYN_SENT', 'CLOSED');
    expect(book.reached({ host: 'client', nth: 1 }, 'CLOSED', 8080)).toBe(false);
    expect(book.reached({ host: 'client', nth: 2 }, 'CLOSED', 8080)).toBe(true);
  });
});
