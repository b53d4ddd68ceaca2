/**
 * Creating a TAP device: open /dev/net/tun and attach the fd to a new interface with
 * ioctl(TUNSETIFF) (Documentation/networking/tuntap.rst). The interface lives exactly as
 * long as this fd stays open (no TUNSETPERSIST), so a crashed runner leaves nothing behind.
 */
import { LabnetError } from '../errors';
import { describeErrno, libc, O_CLOEXEC, O_NONBLOCK, O_RDWR } from '../sys/libc';
import { assertInterfaceName, IFNAMSIZ } from './interface-name';

/** _IOW('T', 202, int) from linux/if_tun.h. */
export const TUNSETIFF = 0x400454ca;
/** _IOW('T', 203, int). */
export const TUNSETPERSIST = 0x400454cb;
/** linux/if_tun.h: Ethernet frames, and no 4-byte packet-information prefix. */
export const IFF_TAP = 0x0002;
export const IFF_NO_PI = 0x1000;
/** struct ifreq is 40 bytes on 64-bit Linux: ifr_name[16] followed by a 24-byte union. */
const SIZEOF_IFREQ = 40;

export interface OpenedTap {
  readonly fd: number;
  /** The name the kernel gave the interface (same as requested). */
  readonly name: string;
}

export function openTap(name: string): OpenedTap {
  assertInterfaceName(name);
  const c = libc();
  const fd = c.open('/dev/net/tun', O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const errnum = c.errno();
    throw new LabnetError(
      'labnet/tap-open-failed',
      `Cannot open /dev/net/tun: ${describeErrno(errnum)}. The runner needs CAP_NET_ADMIN and the tun module (modprobe tun).`,
    );
  }
  const ifreq = new Uint8Array(new ArrayBuffer(SIZEOF_IFREQ));
  new TextEncoder().encodeInto(name, ifreq.subarray(0, IFNAMSIZ - 1));
  new DataView(ifreq.buffer).setUint16(IFNAMSIZ, IFF_TAP | IFF_NO_PI, true);
  if (c.ioctlPtr(fd, TUNSETIFF, ifreq) < 0) {
    const errnum = c.errno();
    c.close(fd);
    throw new LabnetError(
      'labnet/tap-open-failed',
      `ioctl(TUNSETIFF) for TAP '${name}' failed: ${describeErrno(errnum)}. ` +
        `EBUSY means an interface with that name exists in the runner's namespace; EPERM means CAP_NET_ADMIN is missing.`,
    );
  }
  const end = ifreq.indexOf(0);
  const actual = new TextDecoder().decode(ifreq.subarray(0, end < 0 || end > IFNAMSIZ ? IFNAMSIZ : end));
  return { fd, name: actual };
}
