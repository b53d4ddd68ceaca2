/**
 * Every TCP socket of a network namespace (IPv4 and IPv6, all states), dumped through
 * sock_diag from this process — what `ip netns exec NS ss -t -a -n` lists, without the
 * two processes and without ss's walk over every process's fds for `-p`.
 */
import { NETLINK_SOCK_DIAG, NetlinkSocket } from '../netlink/netlink-socket';
import {
  AF_INET,
  AF_INET6,
  parseInetDiagMsg,
  tcpDumpRequest,
  type DiagTcpSocket,
} from '../netlink/sock-diag';
import { inNetns } from './enter-netns';

export function readNetnsTcpSockets(netns: string): DiagTcpSocket[] {
  return inNetns(netns, () => {
    const socket = NetlinkSocket.open(NETLINK_SOCK_DIAG);
    try {
      const sockets: DiagTcpSocket[] = [];
      for (const family of [AF_INET, AF_INET6]) {
        const seq = socket.nextSeq();
        for (const payload of socket.dump(
          seq,
          tcpDumpRequest(seq, family),
          `Listing the TCP sockets of ${netns}`,
        )) {
          const parsed = parseInetDiagMsg(payload);
          if (parsed) sockets.push(parsed);
        }
      }
      return sockets;
    } finally {
      socket.close();
    }
  });
}
