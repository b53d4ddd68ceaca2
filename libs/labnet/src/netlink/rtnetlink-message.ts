/**
 * The rtnetlink requests labnet sends instead of spawning ip(8) (rtnetlink(7), netlink(7);
 * linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h). A message is a
 * struct nlmsghdr (16 bytes), a family header, then attributes (struct rtattr: u16 length,
 * u16 type, value), each padded to 4 bytes (NLA_ALIGNTO). Integers are in host byte order
 * (little-endian on every runner); addresses in network byte order.
 */
import { LabnetError } from '../errors';

export const NLMSG_HDRLEN = 16;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const RTM_NEWLINK = 16;
export const RTM_NEWADDR = 20;
export const RTM_NEWROUTE = 24;

export const NLM_F_REQUEST = 0x1;
export const NLM_F_ACK = 0x4;
/** NLM_F_ROOT | NLM_F_MATCH: every object the request selects. */
export const NLM_F_DUMP = 0x300;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;

const AF_UNSPEC = 0;
const AF_INET = 2;
const IFF_UP = 0x1;
const IFLA_ADDRESS = 1;
const IFLA_IFNAME = 3;
const IFLA_MTU = 4;
const IFLA_NET_NS_FD = 28;
const IFA_ADDRESS = 1;
const IFA_LOCAL = 2;
const RTA_DST = 1;
const RTA_OIF = 4;
const RTA_GATEWAY = 5;
const RT_TABLE_MAIN = 254;
/** What ip(8) marks its routes with (RTPROT_BOOT: "route installed during boot" / by an admin). */
const RTPROT_BOOT = 3;
const RT_SCOPE_UNIVERSE = 0;
const RT_SCOPE_LINK = 253;
const RTN_UNICAST = 1;

export interface LinkChange {
  /** Interface index; 0 selects the interface by `name` instead. */
  readonly index: number;
  readonly name?: string;
  readonly mtu?: number;
  /** 6 bytes. */
  readonly mac?: Uint8Array;
  /** true: IFF_UP set, false: cleared, undefined: unchanged. */
  readonly up?: boolean;
  /** Moves the interface into the network namespace this fd refers to. */
  readonly netnsFd?: number;
}

export interface AddressAdd {
  readonly index: number;
  /** IPv4 address as an unsigned 32-bit number. */
  readonly addr: number;
  readonly prefixLength: number;
}

export interface RouteAdd {
  readonly index: number;
  /** Destination network (0 with prefix 0 for the default route). */
  readonly dst: number;
  readonly dstPrefixLength: number;
  readonly gateway?: number;
}

export type Attribute = readonly [type: number, value: Uint8Array];

/** RTM_NEWLINK on an existing interface (what `ip link set` sends). */
export function linkChangeRequest(seq: number, change: LinkChange): Uint8Array {
  const header = new Uint8Array(16); // struct ifinfomsg
  const view = new DataView(header.buffer);
  view.setUint8(0, AF_UNSPEC);
  view.setInt32(4, change.index, true);
  view.setUint32(8, change.up ? IFF_UP : 0, true);
  view.setUint32(12, change.up === undefined ? 0 : IFF_UP, true);
  const attributes: Attribute[] = [];
  if (change.name !== undefined) attributes.push([IFLA_IFNAME, cString(change.name)]);
  if (change.mtu !== undefined) attributes.push([IFLA_MTU, u32(change.mtu)]);
  if (change.mac !== undefined) attributes.push([IFLA_ADDRESS, change.mac]);
  if (change.netnsFd !== undefined) attributes.push([IFLA_NET_NS_FD, u32(change.netnsFd)]);
  return netlinkMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq, header, attributes);
}

/** RTM_NEWADDR for an IPv4 address (what `ip addr add A/P dev D` sends: no broadcast). */
export function addressAddRequest(seq: number, add: AddressAdd): Uint8Array {
  const header = new Uint8Array(8); // struct ifaddrmsg
  const view = new DataView(header.buffer);
  view.setUint8(0, AF_INET);
  view.setUint8(1, add.prefixLength);
  view.setUint8(3, RT_SCOPE_UNIVERSE);
  view.setUint32(4, add.index, true);
  const flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  return netlinkMessage(RTM_NEWADDR, flags, seq, header, [
    [IFA_LOCAL, ipv4(add.addr)],
    [IFA_ADDRESS, ipv4(add.addr)],
  ]);
}

/** RTM_NEWROUTE in the main table: link scope without a gateway, as `ip route add` does. */
export function routeAddRequest(seq: number, route: RouteAdd): Uint8Array {
  const header = new Uint8Array(12); // struct rtmsg
  header[0] = AF_INET;
  header[1] = route.dstPrefixLength;
  header[4] = RT_TABLE_MAIN;
  header[5] = RTPROT_BOOT;
  header[6] = route.gateway === undefined ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  header[7] = RTN_UNICAST;
  const attributes: Attribute[] = [];
  if (route.dstPrefixLength > 0) attributes.push([RTA_DST, ipv4(route.dst)]);
  if (route.gateway !== undefined) attributes.push([RTA_GATEWAY, ipv4(route.gateway)]);
  attributes.push([RTA_OIF, u32(route.index)]);
  const flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  return netlinkMessage(RTM_NEWROUTE, flags, seq, header, attributes);
}

/**
 * The kernel's answer to request `seq`: 0 for an ACK, a positive errno for a failure
 * (NLMSG_ERROR carries -errno, then the request's header). Throws when `reply` holds no
 * NLMSG_ERROR for `seq`.
 */
export function ackErrno(reply: Uint8Array, seq: number): number {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  for (let offset = 0; offset + NLMSG_HDRLEN <= reply.byteLength;) {
    const length = view.getUint32(offset, true);
    if (length < NLMSG_HDRLEN || offset + length > reply.byteLength) break;
    const type = view.getUint16(offset + 4, true);
    if (type === NLMSG_ERROR && view.getUint32(offset + 8, true) === seq && length >= NLMSG_HDRLEN + 4) {
      return Math.abs(view.getInt32(offset + NLMSG_HDRLEN, true));
    }
    offset += align(length);
  }
  throw new LabnetError(
    'labnet/netlink-failed',
    `The kernel's netlink reply holds no answer to request ${seq}.`,
  );
}

/** A netlink message: header, family-specific header, then attributes (each 4-aligned). */
export function netlinkMessage(
  type: number,
  flags: number,
  seq: number,
  header: Uint8Array,
  attributes: readonly Attribute[],
): Uint8Array {
  const length =
    NLMSG_HDRLEN +
    align(header.byteLength) +
    attributes.reduce((sum, [, value]) => sum + align(4 + value.byteLength), 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, length, true);
  view.setUint16(4, type, true);
  view.setUint16(6, flags, true);
  view.setUint32(8, seq, true);
  view.setUint32(12, 0, true); // nlmsg_pid 0: addressed to the kernel
  bytes.set(header, NLMSG_HDRLEN);
  let offset = NLMSG_HDRLEN + align(header.byteLength);
  for (const [attributeType, value] of attributes) {
    view.setUint16(offset, 4 + value.byteLength, true);
    view.setUint16(offset + 2, attributeType, true);
    bytes.set(value, offset + 4);
    offset += align(4 + value.byteLength);
  }
  return bytes;
}

function align(length: number): number {
  return (length + 3) & ~3;
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

function ipv4(addr: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, addr >>> 0, false);
  return bytes;
}

function cString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length + 1);
  new TextEncoder().encodeInto(text, bytes);
  return bytes;
}
