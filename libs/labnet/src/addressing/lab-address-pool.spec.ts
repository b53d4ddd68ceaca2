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
