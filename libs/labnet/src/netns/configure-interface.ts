/**
 * Addressing an interface inside a namespace, as `ip -n NS link/addr/route` would, but
 * through rtnetlink from this process (no ip(8) child per setting: on a loaded runner each
 * spawn costs 5-50 ms). The order is ip's: MTU and MAC, address, up, then routes through it.
 * IPv6 is turned off first when asked (`ipv6: false`), while the link is still down.
 */
import { writeFileSync } from 'node:fs';
import { LabnetError } from '../errors';
import { parseIpv4Cidr, parseIpv4Text, parseMacText } from '../addressing/address-text';
import { addressAddRequest, linkChangeRequest, routeAddRequest } from '../netlink/rtnetlink-message';
import { NETLINK_ROUTE, NetlinkSocket } from '../netlink/netlink-socket';
import { libc } from '../sys/libc';
import { assertInterfaceName } from '../tap/interface-name';
import { inNetns } from './enter-netns';

/** Largest MTU labnet configures: the TAP's frame-size limit leaves 65521 for IPv4 tests. */
export const MAX_LAB_MTU = 65521;

export interface InterfaceConfig {
  /** IPv4 address with prefix length, e.g. '10.201.0.2/24'. */
  readonly addr?: string;
  /** 68 (RFC 791 minimum) to 65521. */
  readonly mtu?: number;
  /** Locally administered unicast MAC, e.g. '02:53:00:01:00:02'. */
  readonly mac?: string;
  /** Bring the link up (default true). */
  readonly up?: boolean;
  /** Routes via this interface, e.g. [{ to: 'default', via: '10.201.0.1' }]. */
  readonly routes?: readonly { readonly to: string; readonly via?: string }[];
  /**
   * IPv6 on this interface (default true, the kernel's default). With false the interface
   * gets no IPv6 address, so the kernel sends nothing from it on its own: no duplicate
   * address detection, MLD report or router solicitation (RFC 4862 §5.4, RFC 3810 §6).
   */
  readonly ipv6?: boolean;
}

export async function configureInterface(
  netns: string,
  name: string,
  config: InterfaceConfig,
): Promise<void> {
  assertInterfaceName(name);
  const plan = validate(config);
  inNetns(netns, () => {
    const index = libc().ifNameToIndex(name);
    if (index === 0) {
      throw new LabnetError(
        'labnet/netlink-failed',
        `There is no interface '${name}' in namespace ${netns}.`,
      );
    }
    if (config.ipv6 === false) disableIpv6(netns, name);
    const socket = NetlinkSocket.open(NETLINK_ROUTE);
    try {
      const where = `'${name}' in namespace ${netns}`;
      if (plan.mtu !== undefined || plan.mac !== undefined) {
        const seq = socket.nextSeq();
        socket.request(
          seq,
          linkChangeRequest(seq, { index, mtu: plan.mtu, mac: plan.mac }),
          `Setting MTU/MAC of ${where}`,
        );
      }
      if (plan.addr !== undefined) {
        const seq = socket.nextSeq();
        socket.request(
          seq,
          addressAddRequest(seq, { index, ...plan.addr }),
          `Adding ${config.addr} to ${where}`,
        );
      }
      if (plan.up) {
        const seq = socket.nextSeq();
        socket.request(seq, linkChangeRequest(seq, { index, up: true }), `Bringing up ${where}`);
      }
      for (const route of plan.routes) {
        const seq = socket.nextSeq();
        socket.request(seq, routeAddRequest(seq, { index, ...route }), `Adding a route via ${where}`);
      }
    } finally {
      socket.close();
    }
  });
}

/**
 * net.ipv6.conf.<name>.disable_ipv6 = 1 (Documentation/networking/ip-sysctl.rst) in the
 * namespace the thread is in (inNetns: /proc/sys/net shows it). A kernel built without
 * IPv6 has no such file and nothing to turn off.
 */
function disableIpv6(netns: string, name: string): void {
  try {
    writeFileSync(`/proc/sys/net/ipv6/conf/${name}/disable_ipv6`, '1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new LabnetError(
      'labnet/sysctl-failed',
      `Cannot turn IPv6 off on '${name}' in namespace ${netns}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Brings up the loopback interface of a namespace (`ip -n NS link set lo up`). */
export async function bringUpLoopback(netns: string): Promise<void> {
  await configureInterface(netns, 'lo', {});
}

interface Plan {
  mtu?: number;
  mac?: Uint8Array;
  addr?: { addr: number; prefixLength: number };
  up: boolean;
  routes: { dst: number; dstPrefixLength: number; gateway?: number }[];
}

function validate(config: InterfaceConfig): Plan {
  const plan: Plan = { up: config.up ?? true, routes: [] };
  if (config.mtu !== undefined) {
    if (!Number.isInteger(config.mtu) || config.mtu < 68 || config.mtu > MAX_LAB_MTU) {
      throw new LabnetError('labnet/invalid-config', `MTU ${config.mtu} is outside 68..${MAX_LAB_MTU}.`);
    }
    plan.mtu = config.mtu;
  }
  if (config.mac !== undefined) {
    const mac = parseMacText(config.mac);
    if (mac === null) {
      throw new LabnetError(
        'labnet/invalid-config',
        `MAC '${config.mac}' is not of the form 02:53:00:01:00:02.`,
      );
    }
    plan.mac = mac;
  }
  if (config.addr !== undefined) {
    const cidr = parseIpv4Cidr(config.addr);
    if (cidr === null) {
      throw new LabnetError(
        'labnet/invalid-config',
        `Address '${config.addr}' is not IPv4 CIDR like 10.201.0.2/24.`,
      );
    }
    plan.addr = { addr: cidr.addr, prefixLength: cidr.prefixLength };
  }
  for (const route of config.routes ?? []) {
    const dst =
      route.to === 'default'
        ? { addr: 0, prefixLength: 0 }
        : parseIpv4Cidr(route.to.includes('/') ? route.to : `${route.to}/32`);
    const gateway = route.via === undefined ? undefined : parseIpv4Text(route.via);
    if (dst === null || gateway === null) {
      throw new LabnetError(
        'labnet/invalid-config',
        `Route to '${route.to}'${route.via ? ` via '${route.via}'` : ''} is not 'default' or IPv4 CIDR with an IPv4 gateway.`,
      );
    }
    plan.routes.push({
      dst: dst.addr,
      dstPrefixLength: dst.prefixLength,
      ...(gateway === undefined ? {} : { gateway }),
    });
  }
  return plan;
}
