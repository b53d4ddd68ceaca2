/**
 * One vocabulary for TCP states across every trace source: the RFC 9293 §3.3.2 names used by
 * libs/netstack (`TcpState`). The kernel's names (include/net/tcp_states.h) are mapped onto it.
 */
import { TCP_STATES } from '@socklab/contracts';
import type { TcpState } from '@socklab/netstack';

export type { TcpState };
export { TCP_STATES };

/** Fails to compile if the shared list names a state netstack does not have. */
const listedStatesAreNetstackStates: readonly TcpState[] = TCP_STATES;
void listedStatesAreNetstackStates;

/** Fails to compile if netstack's TcpState gains a member that TCP_STATES lacks. */
type MissingStates = Exclude<TcpState, (typeof TCP_STATES)[number]>;
const everyStateListed: [MissingStates] extends [never] ? true : never = true;
void everyStateListed;

/**
 * Kernel state numbers from include/net/tcp_states.h. NEW_SYN_RECV (12) is the kernel's
 * request socket for a half-open passive connection: RFC 9293 calls that SYN-RECEIVED.
 * BOUND_INACTIVE (13, Linux ≥ 6.8) is a bound socket without a connection: CLOSED.
 */
const KERNEL_STATE_BY_NUMBER: Readonly<Record<number, TcpState>> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECEIVED',
  4: 'FIN_WAIT_1',
  5: 'FIN_WAIT_2',
  6: 'TIME_WAIT',
  7: 'CLOSED',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'SYN_RECEIVED',
  13: 'CLOSED',
};

/** Kernel names as `ss` and the tracepoints print them, with and without the `TCP_` prefix. */
const KERNEL_STATE_BY_NAME: Readonly<Record<string, TcpState>> = {
  ESTABLISHED: 'ESTABLISHED',
  ESTAB: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  'SYN-SENT': 'SYN_SENT',
  SYN_RECV: 'SYN_RECEIVED',
  'SYN-RECV': 'SYN_RECEIVED',
  NEW_SYN_RECV: 'SYN_RECEIVED',
  FIN_WAIT1: 'FIN_WAIT_1',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  TIME_WAIT: 'TIME_WAIT',
  'TIME-WAIT': 'TIME_WAIT',
  CLOSE: 'CLOSED',
  UNCONN: 'CLOSED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  LAST_ACK: 'LAST_ACK',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  BOUND_INACTIVE: 'CLOSED',
};

export function tcpStateFromKernelNumber(n: number): TcpState | undefined {
  return KERNEL_STATE_BY_NUMBER[n];
}

/** Accepts 'TCP_FIN_WAIT1', 'FIN_WAIT1', 'FIN-WAIT-1', 'ESTAB', … (case-insensitive). */
export function tcpStateFromKernelName(name: string): TcpState | undefined {
  const key = name.toUpperCase().replace(/^TCP_/, '');
  return KERNEL_STATE_BY_NAME[key];
}
