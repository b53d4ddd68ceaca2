/**
 * Which TCP connection a traced system call acted on. strace -yy decorates a connected
 * socket's fd with both addresses (4<TCP:[10.0.0.2:8080->10.0.0.3:40000]>) and keeps them
 * for the socket's life, also after a reset; a socket it shows only by inode (3<TCP:[67504]>)
 * was never connected, and its calls belong to no connection.
 */
import type { SocketAddress, TracePacket, TraceSyscall } from '@socklab/trace';

/** The same key for both directions of one connection. */
export function connectionKey(a: SocketAddress, b: SocketAddress): string {
  return [`${a.addr}:${a.port}`, `${b.addr}:${b.port}`].sort().join(' ');
}

export const packetConnectionKey = (packet: TracePacket): string => connectionKey(packet.src, packet.dst);

export function callConnectionKey(call: TraceSyscall): string | null {
  const { local, remote } = call.socket ?? {};
  return local && remote ? connectionKey(local, remote) : null;
}
