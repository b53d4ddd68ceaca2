import { execFileSync } from 'node:child_process';

/**
 * Runs the real tshark (test-only). Fails loudly when it is missing: CI installs the Debian
 * package, and a skipped interoperability check would hide broken files.
 * Checksum validation is switched on so a bad frame shows up as an expert error.
 */
export function tshark(args: readonly string[]): string {
  const preferences = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];
  try {
    return execFileSync('tshark', [...preferences, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'tshark is not installed; install it (apt-get install tshark) to run the pcapng interop tests',
      );
    }
    throw new Error(`tshark ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}
