import type { Redis } from 'ioredis';

/**
 * Deletes the keys matching `pattern` (SCAN + DEL, never FLUSH: Redis is shared by every
 * test and engineer on the machine). For tests that gave their queues and streams a
 * prefix of their own.
 */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
