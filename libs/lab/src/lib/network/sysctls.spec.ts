/** Real kernel test (root): settings land in the namespace and nowhere else. */
import { execFileSync } from 'node:child_process';
import { runIp } from '@socklab/labnet';
import { applySysctls } from './sysctls';

const describeAsRoot = process.getuid?.() === 0 ? describe : describe.skip;
const NS = `slt-sc-${process.pid}`;
const read = (name: string, netns?: string): string =>
  (netns
    ? execFileSync('ip', ['netns', 'exec', netns, 'sysctl', '-n', name], { encoding: 'utf8' })
    : execFileSync('sysctl', ['-n', name], { encoding: 'utf8' })
  ).trim();

describeAsRoot('applySysctls', () => {
  beforeEach(() => runIp(['netns', 'add', NS]));
  afterEach(() => runIp(['netns', 'delete', NS]));

  it('sets each value in the namespace and leaves the runner namespace as it was', async () => {
    const before = read('net.ipv4.tcp_syncookies');
    const beforeSynRetries = read('net.ipv4.tcp_syn_retries');
    await applySysctls(NS, {
      'net.ipv4.tcp_syncookies': before === '0' ? 1 : 0,
      'net.ipv4.tcp_syn_retries': 2,
    });
    expect(read('net.ipv4.tcp_syncookies', NS)).toBe(before === '0' ? '1' : '0');
    expect(read('net.ipv4.tcp_syn_retries', NS)).toBe('2');
    expect(read('net.ipv4.tcp_syncookies')).toBe(before);
    expect(read('net.ipv4.tcp_syn_retries')).toBe(beforeSynRetries);
  });

  it('fails naming the command when the kernel refuses a value', async () => {
    await expect(applySysctls(NS, { 'net.ipv4.tcp_syn_retries': 0 })).rejects.toThrow(
      /sysctl -q -w net.ipv4.tcp_syn_retries=0/,
    );
  });
});
