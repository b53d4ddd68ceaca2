import { Queue } from 'bullmq';
import Redis from 'ioredis';

/**
 * The producer side of a BullMQ queue, on a connection of its own that `close()` also
 * closes. Connection errors are not emitted (they would crash the process as unhandled
 * 'error' events); they surface on the calls that need Redis.
 */
export function createProducerQueue<T>(name: string, redisUrl: string, prefix: string): Queue<T> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue<T>(name, { connection, prefix });
  queue.on('error', () => undefined);
  const close = queue.close.bind(queue);
  queue.close = async () => {
    await close();
    await connection.quit().catch(() => connection.disconnect());
  };
  return queue;
}
