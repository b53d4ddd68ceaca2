/**
 * The few libc calls labnet needs, bound through koffi. Loaded lazily and once per
 * thread: the frame I/O worker loads its own copy (koffi functions are not shareable
 * across threads).
 *
 * Buffers are passed as typed-array views: koffi hands the view's own memory (including
 * its byteOffset) to C without copying, so `read(fd, view, n)` fills the view in place.
 */
import koffi from 'koffi';

export interface Libc {
  /** open(2); the optional mode argument is not used by labnet. */
  open(path: string, flags: number): number;
  /** ioctl(2) with a pointer argument, e.g. TUNSETIFF with a struct ifreq. */
  ioctlPtr(fd: number, request: number, arg: Uint8Array): number;
  /** ioctl(2) with an integer argument, e.g. TUNSETPERSIST. */
  ioctlInt(fd: number, request: number, arg: number): number;
  read(fd: number, buf: Uint8Array, count: number): number;
  write(fd: number, buf: Uint8Array, count: number): number;
  close(fd: number): number;
  /** poll(2) over an array of struct pollfd (8 bytes each) laid out in `fds`. */
  poll(fds: Uint8Array, nfds: number, timeoutMs: number): number;
  /** eventfd(2). */
  eventfd(initval: number, flags: number): number;
  socket(domain: number, type: number, protocol: number): number;
  send(fd: number, buf: Uint8Array, count: number, flags: number): number;
  recv(fd: number, buf: Uint8Array, count: number, flags: number): number;
  /** setns(2): moves the calling thread into the namespace `fd` refers to. */
  setns(fd: number, nstype: number): number;
  /** if_nametoindex(3), in the calling thread's network namespace; 0 when there is none. */
  ifNameToIndex(name: string): number;
  errno(): number;
  strerror(errnum: number): string;
}

export const O_RDONLY = 0o0;
export const O_RDWR = 0o2;
export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const EFD_NONBLOCK = O_NONBLOCK;
export const EFD_CLOEXEC = O_CLOEXEC;
export const AF_NETLINK = 16;
export const SOCK_RAW = 3;
export const SOCK_CLOEXEC = O_CLOEXEC;
export const MSG_DONTWAIT = 0x40;
export const CLONE_NEWNET = 0x40000000;
export const POLLIN = 0x001;
export const POLLERR = 0x008;
export const POLLHUP = 0x010;
export const POLLNVAL = 0x020;

export const errnoCodes = koffi.os.errno;
export const EAGAIN = koffi.os.errno['EAGAIN'] ?? 11;
export const EINTR = koffi.os.errno['EINTR'] ?? 4;
export const EIO = koffi.os.errno['EIO'] ?? 5;

let loaded: Libc | undefined;

export function libc(): Libc {
  if (loaded) return loaded;
  const lib = koffi.load('libc.so.6');
  const open = lib.func('int open(const char *path, int flags, ...)');
  const ioctl = lib.func('int ioctl(int fd, unsigned long request, ...)');
  const read = lib.func('long read(int fd, void *buf, size_t count)');
  const write = lib.func('long write(int fd, const void *buf, size_t count)');
  const close = lib.func('int close(int fd)');
  const poll = lib.func('int poll(void *fds, unsigned long nfds, int timeout)');
  const eventfd = lib.func('int eventfd(unsigned int initval, int flags)');
  const strerror = lib.func('const char *strerror(int errnum)');
  const socket = lib.func('int socket(int domain, int type, int protocol)');
  const send = lib.func('long send(int fd, const void *buf, size_t count, int flags)');
  const recv = lib.func('long recv(int fd, void *buf, size_t count, int flags)');
  const setns = lib.func('int setns(int fd, int nstype)');
  const ifNameToIndex = lib.func('unsigned int if_nametoindex(const char *name)');
  loaded = {
    open: (path, flags) => open(path, flags) as number,
    ioctlPtr: (fd, request, arg) => ioctl(fd, request, 'void *', arg) as number,
    ioctlInt: (fd, request, arg) => ioctl(fd, request, 'int', arg) as number,
    read: (fd, buf, count) => Number(read(fd, buf, count)),
    write: (fd, buf, count) => Number(write(fd, buf, count)),
    close: (fd) => close(fd) as number,
    poll: (fds, nfds, timeoutMs) => poll(fds, nfds, timeoutMs) as number,
    eventfd: (initval, flags) => eventfd(initval, flags) as number,
    socket: (domain, type, protocol) => socket(domain, type, protocol) as number,
    send: (fd, buf, count, flags) => Number(send(fd, buf, count, flags)),
    recv: (fd, buf, count, flags) => Number(recv(fd, buf, count, flags)),
    setns: (fd, nstype) => setns(fd, nstype) as number,
    ifNameToIndex: (name) => ifNameToIndex(name) as number,
    errno: () => koffi.errno(),
    strerror: (errnum) => strerror(errnum) as string,
  };
  return loaded;
}

/** "EPERM (Operation not permitted)" for messages. */
export function describeErrno(errnum: number): string {
  const name = Object.entries(errnoCodes).find(([, value]) => value === errnum)?.[0] ?? `errno ${errnum}`;
  return `${name} (${libc().strerror(errnum)})`;
}
