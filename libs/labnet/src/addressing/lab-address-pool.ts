/**
 * Gives each lab job its own IPv4 subnet and MAC block from a pool, so concurrent jobs on
 * one runner never share an address (kernel tracepoints carry no netns, so the trace
 * attributes sockets to jobs by these addresses).
 *
 * Several processes on one host (runners, CLI runs, test workers) see the same kernel
 * tracepoints, so with `leaseDir` a subnet is also leased host-wide: a file named after the
 * pool and subnet, created exclusively, holding the owner's pid. A lease whose owner is no
 * longer alive (it crashed before releasing) is taken over.
 *
 * MACs are locally administered unicast (IEEE 802-2014 section 8.2.2: second-lowest bit
 * of the first octet set, lowest bit clear): 02:53:<subnet index, 2 bytes>:<host, 2 bytes>.
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { LabnetError } from '../errors';
import { parseIpv4Text } from './address-text';

export interface LabAddressPoolOptions {
  /** Default '10.201.0.0/16'. */
  readonly pool?: string;
  /** Prefix length of each job's subnet (default 24). */
  readonly subnetPrefix?: number;
  /** A directory on the host (e.g. under /run) where subnets are leased across processes. */
  readonly leaseDir?: string;
}

export interface LabAddressBlock {
  readonly subnetIndex: number;
  /** e.g. '10.201.7.0/24'. */
  readonly subnet: string;
  readonly prefixLength: number;
  /** Number of usable host numbers: 1 .. hostCount. */
  readonly hostCount: number;
  /** Host number n (1-based) of the subnet, e.g. host(2) → '10.201.7.2'. */
  host(n: number): string;
  /** host(n) with the prefix, for `ip addr add`, e.g. '10.201.7.2/24'. */
  hostCidr(n: number): string;
  /** A MAC unique to (this block, n). */
  mac(n: number): string;
}

const LOCAL_UNICAST_PREFIX = [0x02, 0x53];

export class LabAddressPool {
  private readonly base: number;
  private readonly subnetPrefix: number;
  private readonly subnetCount: number;
  private readonly inUse = new Set<number>();
  private nextHint = 0;
  private readonly leases: HostLeases | null;

  constructor(options: LabAddressPoolOptions = {}) {
    const [network, lengthText] = (options.pool ?? '10.201.0.0/16').split('/');
    const poolPrefix = Number(lengthText);
    this.subnetPrefix = options.subnetPrefix ?? 24;
    const base = parseIpv4Text(network ?? '') ?? undefined;
    if (
      base === undefined ||
      !(poolPrefix >= 8 && poolPrefix <= 30) ||
      !(this.subnetPrefix > poolPrefix && this.subnetPrefix <= 30)
    ) {
      throw new LabnetError(
        'labnet/invalid-config',
        `Address pool '${options.pool}' with /${this.subnetPrefix} subnets is invalid: use e.g. 10.201.0.0/16 split into /24 (pool /8../30, subnets longer than the pool, at most /30).`,
      );
    }
    this.base = (base & prefixMask(poolPrefix)) >>> 0;
    this.subnetCount = Math.min(2 ** (this.subnetPrefix - poolPrefix), 0x10000);
    this.leases =
      options.leaseDir === undefined
        ? null
        : new HostLeases(options.leaseDir, `${formatIpv4(this.base)}-${poolPrefix}-${this.subnetPrefix}`);
  }

  get available(): number {
    return this.subnetCount - this.inUse.size;
  }

  /** Reserves the next free subnet; `release` on the block (or pool) returns it. */
  allocate(): LabAddressBlock & { release(): void } {
    for (let tried = 0; tried < this.subnetCount; tried++) {
      const index = (this.nextHint + tried) % this.subnetCount;
      if (this.inUse.has(index)) continue;
      if (this.leases && !this.leases.claim(index)) continue;
      this.inUse.add(index);
      this.nextHint = (index + 1) % this.subnetCount;
      return {
        ...this.block(index),
        release: () => {
          if (this.inUse.delete(index)) this.leases?.release(index);
        },
      };
    }
    throw new LabnetError(
      'labnet/pool-exhausted',
      `All ${this.subnetCount} subnets of the lab address pool are in use; release finished jobs or configure a larger pool.`,
    );
  }

  private block(index: number): LabAddressBlock {
    const size = 2 ** (32 - this.subnetPrefix);
    const network = (this.base + index * size) >>> 0;
    const hostCount = size - 2;
    const checkHost = (n: number): void => {
      if (!Number.isInteger(n) || n < 1 || n > hostCount) {
        throw new LabnetError(
          'labnet/invalid-config',
          `Host number ${n} is outside 1..${hostCount} of this subnet.`,
        );
      }
    };
    return {
      subnetIndex: index,
      subnet: `${formatIpv4(network)}/${this.subnetPrefix}`,
      prefixLength: this.subnetPrefix,
      hostCount,
      host: (n) => (checkHost(n), formatIpv4(network + n)),
      hostCidr: (n) => (checkHost(n), `${formatIpv4(network + n)}/${this.subnetPrefix}`),
      mac: (n) => {
        checkHost(n);
        return [...LOCAL_UNICAST_PREFIX, index >> 8, index & 0xff, n >> 8, n & 0xff]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(':');
      },
    };
  }
}

/** Host-wide leases: one exclusively created file per subnet, holding the owner's pid. */
class HostLeases {
  constructor(
    private readonly dir: string,
    private readonly poolId: string,
  ) {}

  claim(index: number): boolean {
    mkdirSync(this.dir, { recursive: true });
    const path = this.path(index);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (ownerAlive(path)) return false;
        // The owner died without releasing: take the lease over. (Two processes taking over
        // the same stale lease at the same instant could both succeed; that needs a crashed
        // owner and a race within microseconds, and costs a trace mix-up, not a failure.)
        removeIfPresent(path);
      }
    }
    return false;
  }

  release(index: number): void {
    removeIfPresent(this.path(index));
  }

  private path(index: number): string {
    return join(this.dir, `${this.poolId}-${index}`);
  }
}

function ownerAlive(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8'));
  } catch {
    return true; // being written or removed right now: treat as taken
  }
  if (!Number.isInteger(pid) || pid <= 0) return true; // created, pid not yet written
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function prefixMask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}
