import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { deleteKeysMatching } from './redis-keys';

describe('deleteKeysMatching', () => {
  it('deletes the keys of one prefix and leaves every other key alone', async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    const prefix = `socklab-keys-test-${randomBytes(4).toString('hex')}`;
    try {
      for (let i = 0; i < 1200; i++) await redis.set(`${prefix}:a:${i}`, '1');
      await redis.set(`${prefix}-other`, '1');
      expect(await deleteKeysMatching(redis, `${prefix}:*`)).toBe(1200);
      expect(await redis.exists(`${prefix}:a:7`, `${prefix}-other`)).toBe(1);
    } finally {
      await redis.del(`${prefix}-other`);
      redis.disconnect();
    }
  });
});
