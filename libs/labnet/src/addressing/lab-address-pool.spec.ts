import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabAddressPool } from './lab-address-pool';

describe('LabAddressPool', () => {
  it('hands out distinct /24 subnets and MAC blocks to concurrent jobs', () => {
    const pool = new LabAddressPool();
    const first = pool.allocate();
    const second = pool.allocate();
    expect(first.subnet).toBe('10.201.0.0/24');
    expect(second.subnet).toBe('10.201.1.0/24');
    expect(second.hostCidr(2)).toBe('10.201.1.2/24');
    expect(first.mac(2)).toBe('02:53:00:00:00:02');
    expect(second.mac(2)).toBe('02:53:00:01:00:02');
    expect(() => first.host(255)).toThrow(expect.objectContaining({ code: 'labnet/invalid-config' }));
  });

  it('returns released subnets and fails with a stable code when exhausted', () => {
    const pool = new LabAddressPool({ pool: '10.201.0.0/23', subnetPrefix: 24 });
    const a = pool.allocate();
    pool.allocate();
    expect(() => pool.allocate()).toThrow(expect.objectContaining({ code: 'labnet/pool-exhausted' }));
    a.release();
    expect(pool.allocate().subnet).toBe('10.201.0.0/24');
  });

  it('handles pools above 128.0.0.0 without sign errors', () => {
    const pool = new LabAddressPool({ pool: '192.168.64.0/18', subnetPrefix: 26 });
    expect(pool.allocate().hostCidr(1)).toBe('192.168.64.1/26');
    expect(pool.available).toBe(255);
  });

  it('rejects a malformed pool with an actionable message', () => {
    expect(() => new LabAddressPool({ pool: '10.201.0.0/33' })).toThrow(
      expect.objectContaining({ code: 'labnet/invalid-config' }),
    );
  });
});

describe('LabAddressPool leases across processes', () => {
  const dirs: string[] = [];
  const leaseDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'lab-leases-')));
    return dirs[dirs.length - 1];
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('never gives two pools (two processes) sharing a lease directory the same subnet', () => {
    const dir = leaseDir();
    const one = new LabAddressPool({ pool: '10.201.0.0/22', leaseDir: dir });
    const other = new LabAddressPool({ pool: '10.201.0.0/22', leaseDir: dir });
    const a = one.allocate();
    const b = other.allocate();
    expect([a.subnet, b.subnet]).toEqual(['10.201.0.0/24', '10.201.1.0/24']);
    expect(readdirSync(dir).sort()).toEqual(['10.201.0.0-22-24-0', '10.201.0.0-22-24-1']);
    a.release();
    expect(readdirSync(dir)).toEqual(['10.201.0.0-22-24-1']);
    expect(other.allocate().subnet).toBe('10.201.2.0/24');
    expect(one.allocate().subnet).toBe('10.201.3.0/24');
    expect(other.allocate().subnet).toBe('10.201.0.0/24');
  });

  it('takes over the lease of a process that died without releasing it', () => {
    const dir = leaseDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, '10.201.0.0-23-24-0'), dead.stdout.toString());
    writeFileSync(join(dir, '10.201.0.0-23-24-1'), String(process.pid));
    const pool = new LabAddressPool({ pool: '10.201.0.0/23', leaseDir: dir });
    expect(pool.allocate().subnet).toBe('10.201.0.0/24');
    expect(readFileSync(join(dir, '10.201.0.0-23-24-0'), 'utf8')).toBe(String(process.pid));
    expect(() => pool.allocate()).toThrow(expect.objectContaining({ code: 'labnet/pool-exhausted' }));
  });
});
