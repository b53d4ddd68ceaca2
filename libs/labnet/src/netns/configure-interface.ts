/**
 * Addressing an interface inside a namespace with `ip -n NS ...` (ip(8) -netns). The
 * order matters: MTU before up, address before routes through it.
 */
import { LabnetError } from '../errors';
import { assertInterfaceName } from '../tap/interface-name';
import { runIp } from './run-ip';

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
}

export async function configureInterface(
  netns: string,
  name: string,
  config: InterfaceConfig,
): Promise<void> {
  assertInterfaceName(name);
  const ns = ['-n', netns];
  if (config.mtu !== undefined) {
    if (!Number.isInteger(config.mtu) || config.mtu < 68 || config.mtu > MAX_LAB_MTU) {
      throw new LabnetError('labnet/invalid-config', `MTU ${config.mtu} is outside 68..${MAX_LAB_MTU}.`);
    }
    await runIp([...ns, 'link', 'set', 'dev', name, 'mtu', String(config.mtu)]);
  }
  if (config.mac !== undefined) {
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(config.mac)) {
      throw new LabnetError(
        'labnet/invalid-config',
        `MAC '${config.mac}' is not of the form 02:53:00:01:00:02.`,
      );
    }
    await runIp([...ns, 'link', 'set', 'dev', name, 'address', config.mac]);
  }
  if (config.addr !== undefined) {
    if (!/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(config.addr)) {
      throw new LabnetError(
        'labnet/invalid-config',
        `Address '${config.addr}' is not IPv4 CIDR like 10.201.0.2/24.`,
      );
    }
    await runIp([...ns, 'addr', 'add', config.addr, 'dev', name]);
  }
  if (config.up ?? true) await runIp([...ns, 'link', 'set', 'dev', name, 'up']);
  for (const route of config.routes ?? []) {
    await runIp([...ns, 'route', 'add', route.to, ...(route.via ? ['via', route.via] : []), 'dev', name]);
  }
}
