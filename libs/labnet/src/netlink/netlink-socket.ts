/**
 * A netlink socket (netlink(7)) for requests to the kernel: rtnetlink configuration and
 * sock_diag dumps. The socket belongs to the network namespace of the thread that opened
 * it, so one opened inside `inNetns()` speaks to that namespace even after the thread has
 * left it.
 *
 * Nothing here waits: the kernel processes a request inside send() and queues the ACK
 * (or the first part of a dump) before send() returns, and builds each further part of a
 * dump inside the recv() that drained the previous one (netlink_recvmsg → netlink_dump).
 * So replies are read with MSG_DONTWAIT and nothing ever blocks the event loop.
 */
import { LabnetError } from '../errors';
import { AF_NETLINK, describeErrno, libc, MSG_DONTWAIT, SOCK_CLOEXEC, SOCK_RAW } from '../sys/libc';
import { ackErrno, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from './rtnetlink-message';

export const NETLINK_ROUTE = 0;
export const NETLINK_SOCK_DIAG = 4;

export class NetlinkSocket {
  private seq = 0;
  private readonly reply = new Uint8Array(32 * 1024);

  private constructor(private readonly fd: number) {}

  static open(protocol: number): NetlinkSocket {
    const c = libc();
    const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
      throw new LabnetError(
        'labnet/netlink-failed',
        `socket(AF_NETLINK) failed: ${describeErrno(c.errno())}`,
      );
    }
    return new NetlinkSocket(fd);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Sends a request built with sequence number `seq` and throws unless the kernel ACKs it. */
  request(seq: number, message: Uint8Array, what: string): void {
    this.send(message, what);
    const errnum = ackErrno(this.receive(what), seq);
    if (errnum !== 0) throw new LabnetError('labnet/netlink-failed', `${what}: ${describeErrno(errnum)}`);
  }

  /**
   * Sends a dump request (NLM_F_DUMP) and returns the payload (after the netlink header) of
   * every message of the answer, up to NLMSG_DONE.
   */
  dump(seq: number, message: Uint8Array, what: string): Uint8Array[] {
    this.send(message, what);
    const payloads: Uint8Array[] = [];
    for (;;) {
      const reply = this.receive(what);
      const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
      for (let offset = 0; offset + NLMSG_HDRLEN <= reply.byteLength;) {
        const length = view.getUint32(offset, true);
        if (length < NLMSG_HDRLEN || offset + length > reply.byteLength) break;
        const type = view.getUint16(offset + 4, true);
        if (view.getUint32(offset + 8, true) === seq) {
          if (type === NLMSG_DONE) return payloads;
          if (type === NLMSG_ERROR) {
            const errnum = ackErrno(reply.subarray(offset, offset + length), seq);
            throw new LabnetError('labnet/netlink-failed', `${what}: ${describeErrno(errnum)}`);
          }
          payloads.push(reply.slice(offset + NLMSG_HDRLEN, offset + length));
        }
        offset += (length + 3) & ~3;
      }
    }
  }

  close(): void {
    libc().close(this.fd);
  }

  private send(message: Uint8Array, what: string): void {
    const c = libc();
    if (c.send(this.fd, message, message.byteLength, 0) !== message.byteLength) {
      throw new LabnetError('labnet/netlink-failed', `${what}: send() failed: ${describeErrno(c.errno())}`);
    }
  }

  private receive(what: string): Uint8Array {
    const c = libc();
    const length = c.recv(this.fd, this.reply, this.reply.byteLength, MSG_DONTWAIT);
    if (length < 0) {
      throw new LabnetError('labnet/netlink-failed', `${what}: no reply: ${describeErrno(c.errno())}`);
    }
    return this.reply.subarray(0, length);
  }
}
